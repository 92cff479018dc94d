/**
 * <Simulator> in a lesson: the playground's widget, embedded, with the student's task above it. A
 * server component: the built-in scenario the lesson names is looked up and validated when the page
 * is built, so the page loads neither the built-in scenarios nor the schema library.
 */
import type { ComponentProps } from 'react';
import type { Simulator as SimulatorWidget } from '@/app/components/simulator/Simulator';
import { builtinScenario } from '@/sim/scenario';
import { LessonSimulatorWidget } from './LessonSimulatorWidget';

type Props = Omit<ComponentProps<typeof SimulatorWidget>, 'scenario' | 'compact'> & {
  /** A built-in scenario's name. */
  scenario: string;
};

export function LessonSimulator({ scenario, ...rest }: Props) {
  const resolved = builtinScenario(scenario);
  if (!resolved) {
    return (
      <p className="sim-error" role="alert">
        The simulator cannot open the scenario “{scenario}”: there is no built-in scenario with that
        name.
      </p>
    );
  }
  return <LessonSimulatorWidget scenario={resolved} {...rest} />;
}
