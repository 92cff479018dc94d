'use client';

/**
 * The simulator widget: a validated scenario in a session, with its topology, ladder, inspector,
 * state panel, controls and fault tools. Self-contained: several can live on one page, each with its
 * own session. The scenario comes validated (parseScenario): a page that names a built-in scenario
 * resolves it when it is built (LessonSimulator, the playground's page), so the widget's JavaScript
 * carries neither the built-in scenarios nor the schema library that validates them.
 *
 *   <Simulator scenario={scenario} startStep={0} toggles={['recordRoute', 'loss']}
 *              task="Step until …" height={560} compact />
 */
import dynamic from 'next/dynamic';
import { useEffect, useMemo, useState, type CSSProperties, type KeyboardEvent } from 'react';
import { SessionExport } from '@/app/components/export/SessionExport';
import type { Scenario } from '@/sim/scenario';
import { Controls } from './Controls';
import { FaultTools } from './FaultTools';
import { Inspector } from './Inspector';
import { Ladder } from './Ladder';
import type { LadderFilter } from './ladder-filter';
import { RfcCheck } from './RfcCheck';
import { layoutScenario } from './scenario-layout';
import { StatePanel } from './StatePanel';
import { Toggles, type ToggleName } from './Toggles';
import { usePlayer } from './use-player';
import { SessionContext, SessionStore, useSession } from './use-session';
import './simulator.css';

/**
 * The topology draws with React Flow, the heaviest part of the widget: it loads after the page is up
 * (the controls and the ladder do not wait for it), in a frame of its final size.
 */
const Topology = dynamic(() => import('./Topology').then((m) => m.Topology), {
  ssr: false,
  loading: () => <div className="sim-topology" aria-busy="true" aria-label="Topology (loading)" />,
});

export interface SimulatorProps {
  /** The scenario, already validated with parseScenario (a built-in one, or the reader's). */
  scenario: Scenario;
  /** The step to open at (0: before anything happened). */
  startStep?: number;
  /** Which settings the reader may change: proxies' Record-Route, kind and forking; links' loss and latency. */
  toggles?: readonly ToggleName[];
  /** What the reader should do, shown above the widget. */
  task?: string;
  /** Height of the diagram area (px or any CSS length) when the widget is wide enough for two columns. */
  height?: number | string;
  /** Embedded in a lesson: a smaller topology, the scenario's title shown, nodes fixed in place. */
  compact?: boolean;
  /** The state panel's first view: the state as text, or the state machines drawn live. */
  stateView?: 'text' | 'diagram';
  /** Called with the step number after every move. */
  onPositionChange?: (position: number) => void;
  /** The event to show in the inspector at the start (a trace event id; the playground's links). */
  startSelected?: number | undefined;
  /** The ladder's filter and search at the start. */
  startFilter?: LadderFilter | undefined;
  /** Called after every change of what the reader sees (the playground keeps it in the URL). */
  onViewChange?: (view: SimulatorView) => void;
}

/** What the reader sees: the scenario as changed, the step, the ladder's filter, the inspected event. */
export interface SimulatorView {
  scenario: Scenario;
  position: number;
  filter: LadderFilter;
  /** The event the reader chose for the inspector (undefined: it follows the step). */
  selected: number | undefined;
}

const NO_TOGGLES: readonly ToggleName[] = [];
const TEXT_INPUT = 'input, textarea, select, [contenteditable="true"], [contenteditable=""]';
const ACTIVATES_ON_SPACE = 'button, a, summary, [role="button"], [role="checkbox"]';

type BodyProps = Omit<SimulatorProps, 'scenario' | 'startStep' | 'startSelected' | 'startFilter'>;

function SimulatorBody({
  toggles,
  task,
  height,
  compact,
  stateView,
  onPositionChange,
  onViewChange,
}: BodyProps) {
  const { state, actions } = useSession();
  const { scenario, view, filter, ready } = state;
  const layout = useMemo(() => layoutScenario(scenario.elements), [scenario.elements]);
  usePlayer(state, actions);

  const position = view.position;
  useEffect(() => {
    onPositionChange?.(position);
  }, [position, onPositionChange]);
  const selectedId = state.pinned ? state.selected?.id : undefined;
  useEffect(() => {
    if (ready) onViewChange?.({ scenario, position, filter, selected: selectedId });
  }, [ready, scenario, position, filter, selectedId, onViewChange]);

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    const target = e.target as HTMLElement;
    if (target.closest(TEXT_INPUT)) return;
    switch (e.key) {
      case 'ArrowRight':
      case '.':
        e.preventDefault();
        actions.step();
        break;
      case 'ArrowLeft':
      case ',':
        e.preventDefault();
        actions.back();
        break;
      case ' ':
        if (target.closest(ACTIVATES_ON_SPACE)) return;
        e.preventDefault();
        actions.togglePlay();
        break;
      case 'r':
      case 'R':
        e.preventDefault();
        actions.reset();
        break;
    }
  }

  const list = toggles ?? NO_TOGGLES;
  const toolsOpen = list.length > 0;
  const style = {
    '--sim-height': typeof height === 'number' ? `${height}px` : (height ?? '560px'),
  } as CSSProperties;

  return (
    <section
      className={`sim${compact ? ' sim-compact' : ''}`}
      aria-label={`Simulator: ${scenario.title}`}
      aria-keyshortcuts="ArrowRight ArrowLeft Space R"
      tabIndex={0}
      onKeyDown={onKeyDown}
      style={style}
    >
      {compact || task ? (
        <div className="sim-header">
          {compact ? <p className="sim-scenario-title">{scenario.title}</p> : null}
          {task ? (
            <p className="sim-task">
              <strong>Task: </strong>
              {task}
            </p>
          ) : null}
        </div>
      ) : null}
      <Controls />
      <div aria-live="polite">
        {state.startBeyondEnd ? (
          <p className="sim-notice">
            This link asked for step {state.startBeyondEnd.asked}, but the run ends at step{' '}
            {state.startBeyondEnd.last}: you see its last step.
          </p>
        ) : null}
      </div>
      {view.failure ? (
        <p className="sim-failure" role="alert">
          <strong>The simulation stopped at step {view.failure.step}</strong> (t ={' '}
          {(view.failure.time / 1000).toFixed(3)} s
          {view.failure.element ? `, in ${view.failure.element}` : ''}): {view.failure.error}. This
          is a fault of the simulator, not of your scenario; the run cannot go further. Reset, or
          change the network to try another run.
        </p>
      ) : null}
      <div className="sim-grid">
        <div className="sim-main">
          <Topology layout={layout} draggable={!compact} />
          <Ladder order={layout.order} />
          <SessionExport />
        </div>
        <div className="sim-side">
          <Inspector />
          <StatePanel order={layout.order} initialView={stateView} />
          <RfcCheck />
        </div>
      </div>
      <div className="sim-footer">
        <details className="sim-tools" open={toolsOpen}>
          <summary>Change the network</summary>
          <div className="sim-tools-body">
            <Toggles toggles={list} />
            <FaultTools links={list.includes('loss')} />
          </div>
        </details>
        <p className="sim-keys">
          <span className="sim-keys-title">Keyboard shortcuts</span> (with focus in the simulator):{' '}
          <kbd>→</kbd> or <kbd>.</kbd> Step · <kbd>←</kbd> or <kbd>,</kbd> Back · <kbd>Space</kbd>{' '}
          Play/Pause · <kbd>r</kbd> Reset · <kbd>↑</kbd> <kbd>↓</kbd> move through the ladder
        </p>
      </div>
    </section>
  );
}

function SimulatorSession({
  scenario,
  startStep,
  startSelected,
  startFilter,
  ...rest
}: SimulatorProps) {
  const [store] = useState(
    () =>
      new SessionStore(scenario, {
        step: startStep ?? 0,
        selected: startSelected,
        filter: startFilter ?? {},
      }),
  );
  // The session runs in a Web Worker while the widget is on the page.
  useEffect(() => {
    store.start();
    return () => store.close();
  }, [store]);
  return (
    <SessionContext.Provider value={store}>
      <SimulatorBody {...rest} />
    </SessionContext.Provider>
  );
}

export function Simulator(props: SimulatorProps) {
  // A new scenario is a new session.
  return <SimulatorSession key={props.scenario.name} {...props} />;
}

export default Simulator;
