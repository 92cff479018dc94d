'use client';

/**
 * Step, Back, Play/Pause, Reset, the speed, and a scrubber over every step of the run, with the
 * step counter and the virtual clock. The scrubber reaches past the steps recorded so far: going
 * there runs the simulation forward.
 */
import { useEffect, useId } from 'react';
import { formatSeconds } from './format';
import { SPEEDS, useSession } from './use-session';

export function Controls() {
  const { state, actions } = useSession();
  const { view, recorded, totalSteps, playing, speed, revision, ready } = state;
  const speedId = useId();
  const scrubId = useId();

  // The full run's length, for the scrubber: counted in the background once per revision.
  useEffect(() => actions.countTotal(), [actions, revision, ready]);

  const max = Math.max(totalSteps ?? 0, recorded, view.position, 1);
  const total = totalSteps ?? recorded;
  const atStart = view.position === 0;

  return (
    <div className="sim-controls" role="group" aria-label="Simulation controls">
      <div className="sim-buttons">
        <button
          type="button"
          className="sim-button"
          onClick={actions.back}
          disabled={atStart}
          aria-keyshortcuts="ArrowLeft"
        >
          <span aria-hidden="true">◀ </span>Back
        </button>
        <button
          type="button"
          className="sim-button sim-button-primary"
          onClick={() => actions.step()}
          disabled={view.finished}
          aria-keyshortcuts="ArrowRight"
        >
          Step<span aria-hidden="true"> ▶</span>
        </button>
        <button
          type="button"
          className="sim-button"
          onClick={actions.togglePlay}
          disabled={!playing && view.finished}
          aria-keyshortcuts="Space"
        >
          {playing ? 'Pause' : 'Play'}
        </button>
        <button
          type="button"
          className="sim-button"
          onClick={actions.reset}
          disabled={atStart && !playing}
          aria-keyshortcuts="R"
        >
          Reset
        </button>
      </div>
      <div className="sim-speed">
        <label htmlFor={speedId}>Speed</label>
        <select
          id={speedId}
          value={speed}
          onChange={(e) => actions.setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </div>
      <div className="sim-scrubber">
        <label htmlFor={scrubId} className="visually-hidden">
          Step number
        </label>
        <input
          id={scrubId}
          type="range"
          min={0}
          max={max}
          step={1}
          value={view.position}
          aria-valuetext={`Step ${view.position} of ${total}`}
          onChange={(e) => actions.goTo(Number(e.target.value))}
        />
      </div>
      <p className="sim-counter" role="status">
        <span className="sim-counter-step">
          Step {view.position} of {total}
          {totalSteps === undefined && !view.finished ? '+' : ''}
        </span>
        <span className="sim-counter-time">t = {formatSeconds(view.time)}</span>
        {view.finished ? <span className="sim-counter-end">end of run</span> : null}
      </p>
    </div>
  );
}
