'use client';

/**
 * The playground: a select of the built-in scenarios and the full simulator below it. The URL holds
 * everything the reader changed and where they are (playground-link.ts): dropped messages, fault
 * rules, link latency and loss, proxy settings, the step, the ladder's filter and the inspected
 * event; it is kept up to date with history.replaceState, and "Copy link" copies it, so a link opens
 * that very run and view. Parts of a link that cannot be used are named, never silently dropped.
 */
import { useSearchParams } from 'next/navigation';
import { replaceUrlQuietly } from '@/app/components/replace-url';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ALL_TOGGLES, Simulator, type SimulatorView } from '@/app/components/simulator';
import type { Scenario } from '@/sim/scenario';
import {
  NO_TWEAKS,
  applyTweaks,
  decodeLink,
  encodeLink,
  tweaksOf,
  type LinkView,
} from './playground-link';
import './playground.css';

const DEFAULT_SCENARIO = 'registration';
/** How long the address bar waits for the reader to pause before it takes the view. */
const URL_DELAY_MS = 300;

interface Opened {
  name: string;
  scenario: Scenario;
  view: LinkView;
  problems: string[];
  unknown: string | undefined;
}

/** The built-in scenarios by name (validated when the page was built). */
type Builtins = ReadonlyMap<string, Scenario>;

/** The scenario and view a query asks for, with the reader's changes made again. */
function open(query: URLSearchParams, builtins: Builtins): Opened {
  const { link, problems, unknownScenario } = decodeLink(
    query,
    (n) => builtins.has(n),
    DEFAULT_SCENARIO,
  );
  const base = builtins.get(link.scenario)!;
  const applied = applyTweaks(base, link.tweaks);
  const view = { ...link.view, filter: { ...link.view.filter } };
  const names = new Set(base.elements.map((e) => e.name));
  if (view.filter.element !== undefined && !names.has(view.filter.element)) {
    applied.problems.push(
      `The ladder's filter names the element “${view.filter.element}”, which this scenario does not have; the ladder shows every element.`,
    );
    delete view.filter.element;
  }
  return {
    name: link.scenario,
    scenario: applied.scenario,
    view,
    problems: [...problems, ...applied.problems],
    unknown: unknownScenario,
  };
}

/** The query of a view of a built-in scenario (undefined: its start, unchanged). */
function queryFor(builtins: Builtins, name: string, view: SimulatorView | undefined): string {
  const base = builtins.get(name);
  if (!base || !view)
    return encodeLink({ scenario: name, tweaks: NO_TWEAKS, view: { step: 0, filter: {} } });
  return encodeLink({
    scenario: name,
    tweaks: tweaksOf(base, view.scenario),
    view: { step: view.position, filter: view.filter, selected: view.selected },
  });
}

function CopyLink({ url }: { url: () => string }) {
  const [said, setSaid] = useState('');
  const [manual, setManual] = useState<string | undefined>(undefined);
  const fieldId = useId();
  const copy = async () => {
    const text = url();
    try {
      await navigator.clipboard.writeText(text);
      setManual(undefined);
      setSaid('Link copied. It opens this run at this step, with your changes and filter.');
    } catch {
      // No clipboard (an old browser, or permission refused): the link to copy by hand.
      setManual(text);
      setSaid('The browser did not let the page copy: select the link below and copy it.');
    }
  };
  return (
    <div className="playground-share">
      <button type="button" className="playground-button" onClick={() => void copy()}>
        Copy link
      </button>
      <span className="playground-said" role="status">
        {said}
      </span>
      {manual !== undefined ? (
        <>
          <label htmlFor={fieldId} className="visually-hidden">
            Link to this view
          </label>
          <input
            id={fieldId}
            className="playground-link-field"
            readOnly
            value={manual}
            onFocus={(e) => e.currentTarget.select()}
          />
        </>
      ) : null}
    </div>
  );
}

/**
 * `scenarios`: the built-in scenarios, validated by the page when it was built (the page's
 * JavaScript then carries neither their sources nor the schema library).
 */
export function PlaygroundClient({ scenarios }: { scenarios: readonly Scenario[] }) {
  const builtins = useMemo<Builtins>(() => new Map(scenarios.map((s) => [s.name, s])), [scenarios]);
  const params = useSearchParams();
  const [opened] = useState(() => open(new URLSearchParams(params.toString()), builtins));
  const [name, setName] = useState(opened.name);
  const selectId = useId();
  const isOpened = name === opened.name;
  const scenario = isOpened ? opened.scenario : builtins.get(name)!;

  // The address bar holds the view, written once the reader pauses, without a re-render of the
  // router (replace-url.ts); "Copy link" copies the latest view.
  const latest = useRef<SimulatorView | undefined>(undefined);
  const urlTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The playground's own path: a write that comes after the reader has gone elsewhere is dropped.
  const ownPath = useRef('');
  useEffect(() => {
    ownPath.current = window.location.pathname;
    return () => clearTimeout(urlTimer.current);
  }, []);
  const onViewChange = useCallback(
    (v: SimulatorView) => {
      latest.current = v;
      clearTimeout(urlTimer.current);
      urlTimer.current = setTimeout(() => {
        if (window.location.pathname === ownPath.current)
          replaceUrlQuietly(`${ownPath.current}?${queryFor(builtins, name, v)}`);
      }, URL_DELAY_MS);
    },
    [builtins, name],
  );
  const url = () =>
    latest.current
      ? `${window.location.origin}${window.location.pathname}?${queryFor(builtins, name, latest.current)}`
      : window.location.href;

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
              clearTimeout(urlTimer.current);
              latest.current = undefined;
              replaceUrlQuietly(
                `${window.location.pathname}?${queryFor(builtins, e.target.value, undefined)}`,
              );
            }}
          >
            {scenarios.map((s) => (
              <option key={s.name} value={s.name}>
                {s.title}
              </option>
            ))}
          </select>
        </div>
        <CopyLink url={url} />
      </div>
      <p className="playground-description">{scenario.description}</p>
      {opened.unknown !== undefined && isOpened ? (
        <p className="playground-note">
          There is no scenario named “{opened.unknown}”; showing {scenario.title} instead.
        </p>
      ) : null}
      {opened.problems.length > 0 && isOpened ? (
        <div className="playground-note">
          <p>Parts of this link could not be used:</p>
          <ul>
            {opened.problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <h2 className="visually-hidden">Simulation</h2>
      <Simulator
        key={name}
        scenario={scenario}
        startStep={isOpened ? opened.view.step : 0}
        startSelected={isOpened ? opened.view.selected : undefined}
        startFilter={isOpened ? opened.view.filter : undefined}
        toggles={ALL_TOGGLES}
        height="max(34rem, calc(100vh - 18rem))"
        onViewChange={onViewChange}
      />
    </>
  );
}
