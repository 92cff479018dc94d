'use client';
/** <Simulator> in a lesson: the playground's widget, embedded, with the student's task above it. */
import dynamic from 'next/dynamic';
import type { ComponentProps } from 'react';
import type { Simulator as SimulatorWidget } from '@/app/components/simulator/Simulator';

const Widget = dynamic(
  () => import('@/app/components/simulator/Simulator').then((m) => m.Simulator),
  {
    ssr: false,
    loading: () => <p className="sim-loading">Loading the simulation…</p>,
  },
);

type Props = ComponentProps<typeof SimulatorWidget>;

export function LessonSimulator(props: Props) {
  return (
    <figure className="lesson-sim">
      <Widget {...props} compact />
    </figure>
  );
}
