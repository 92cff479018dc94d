'use client';

/**
 * Element toggles a lesson asks for: Record-Route on each proxy, stateless or stateful, parallel or
 * sequential forking. Each change rebuilds the run from its seed and replays it to the same step.
 */
import { memo, useId } from 'react';
import type { ScenarioElement } from '@/sim/scenario';
import { useSessionActions, useSessionSelector } from './use-session';

export type ToggleName = 'recordRoute' | 'proxyKind' | 'forking' | 'loss';

export const ALL_TOGGLES: readonly ToggleName[] = ['recordRoute', 'proxyKind', 'forking', 'loss'];

type Proxy = Extract<ScenarioElement, { kind: 'stateful-proxy' | 'stateless-proxy' }>;

function ProxyToggles({ proxy, toggles }: { proxy: Proxy; toggles: readonly ToggleName[] }) {
  const actions = useSessionActions();
  const id = useId();
  const set = (settings: Record<string, unknown>) =>
    actions.change({ element: { name: proxy.name, settings } });
  return (
    <fieldset className="sim-proxy-toggles">
      <legend>
        {proxy.name}
        {proxy.label ? <span className="sim-muted"> ({proxy.label})</span> : null}
      </legend>
      {toggles.includes('recordRoute') ? (
        <label className="sim-check">
          <input
            type="checkbox"
            checked={proxy.recordRoute === true}
            onChange={(e) => set({ recordRoute: e.target.checked })}
          />{' '}
          Record-Route
        </label>
      ) : null}
      {toggles.includes('proxyKind') ? (
        <span className="sim-inline-field">
          <label htmlFor={`${id}-kind`}>Proxy kind</label>
          <select
            id={`${id}-kind`}
            value={proxy.kind}
            onChange={(e) => set({ kind: e.target.value })}
          >
            <option value="stateful-proxy">stateful</option>
            <option value="stateless-proxy">stateless</option>
          </select>
        </span>
      ) : null}
      {toggles.includes('forking') ? (
        <span className="sim-inline-field">
          <label htmlFor={`${id}-fork`}>Forking</label>
          <select
            id={`${id}-fork`}
            value={proxy.forking ?? 'parallel'}
            onChange={(e) => set({ forking: e.target.value })}
            disabled={proxy.kind === 'stateless-proxy'}
            aria-describedby={proxy.kind === 'stateless-proxy' ? `${id}-fork-note` : undefined}
          >
            <option value="parallel">parallel</option>
            <option value="sequential">sequential</option>
          </select>
          {proxy.kind === 'stateless-proxy' ? (
            <span id={`${id}-fork-note`} className="sim-muted sim-small">
              {' '}
              (stateful proxies only)
            </span>
          ) : null}
        </span>
      ) : null}
    </fieldset>
  );
}

/** Memoised: it re-renders when what it selects changes, not with every step. */
export const Toggles = memo(function Toggles({ toggles }: { toggles: readonly ToggleName[] }) {
  const elements = useSessionSelector((s) => s.scenario.elements);
  const titleId = useId();
  const proxies = elements.filter(
    (e): e is Proxy => e.kind === 'stateful-proxy' || e.kind === 'stateless-proxy',
  );
  const elementToggles = toggles.filter((t) => t !== 'loss');
  if (elementToggles.length === 0 || proxies.length === 0) return null;
  return (
    <section className="sim-tool" aria-labelledby={titleId}>
      <h4 id={titleId}>Proxies</h4>
      {proxies.map((p) => (
        <ProxyToggles key={p.name} proxy={p} toggles={elementToggles} />
      ))}
    </section>
  );
});
