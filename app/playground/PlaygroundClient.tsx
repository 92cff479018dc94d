'use client';

/**
 * The playground: a select of the built-in scenarios and the full simulator below it. The URL holds
 * the scenario and the step (/playground/?scenario=registration&step=4), so a link opens that very
 * view; it is kept up to date with history.replaceState as the reader steps.
 */
import { useSearchParams } from 'next/navigation';
import { useCallback, useId, useState } from 'react';
import { ALL_TOGGLES, Simulator } from '@/app/components/simulator';
import { BUILTIN_SCENARIOS } from '@/sim/scenario/builtins';
import './playground.css';

const DEFAULT_SCENARIO = 'registration';

function stepFrom(value: string | null): number {
  const n = Number(value ?? '0');
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

function urlFor(scenario: string, step: number): string {
  const params = new URLSearchParams({ scenario, step: String(step) });
  return `${window.location.pathname}?${params.toString()}`;
}

export function PlaygroundClient() {
  const params = useSearchParams();
  const asked = params.get('scenario');
  const unknown = asked !== null && !BUILTIN_SCENARIOS.has(asked);
  const [opened] = useState(() => ({
    name: asked !== null && !unknown ? asked : DEFAULT_SCENARIO,
    step: asked !== null && !unknown ? stepFrom(params.get('step')) : 0,
  }));
  const [name, setName] = useState(opened.name);
  const selectId = useId();
  const scenario = BUILTIN_SCENARIOS.get(name);
  const startStep = name === opened.name ? opened.step : 0;

  const onPositionChange = useCallback(
    (step: number) => window.history.replaceState(null, '', urlFor(name, step)),
    [name],
  );

  return (
    <>
      <div className="playground-picker">
        <h1>Playground</h1>
        <div className="playground-select">
          <label htmlFor={selectId}>Scenario</label>
          <select
            id={selectId}
            value={name}
            onChange={(e) => {
              setName(e.target.value);
              window.history.replaceState(null, '', urlFor(e.target.value, 0));
            }}
          >
            {[...BUILTIN_SCENARIOS.values()].map((s) => (
              <option key={s.name} value={s.name}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="playground-description">{scenario?.description}</p>
      {unknown ? (
        <p className="playground-note" role="status">
          There is no scenario named “{asked}”; showing {scenario?.title ?? name} instead.
        </p>
      ) : null}
      <h2 className="visually-hidden">Simulation</h2>
      <Simulator
        key={name}
        scenario={name}
        startStep={startStep}
        toggles={ALL_TOGGLES}
        height="max(34rem, calc(100vh - 18rem))"
        onPositionChange={onPositionChange}
      />
    </>
  );
}
