/**
 * State checks: an element's state at the end of a run — a registrar binding for an AOR (RFC 3261
 * §10.3), a dialog in a given state (§12), a transaction that ended in (or reached) a state (§17), or a
 * user agent's call, registration or subscription. Finished transactions leave the snapshots, so their
 * states are read from the trace's state events as well.
 */
import { isSipUri, parseUri } from '../codec';
import { canonicalAor, type ElementSnapshot } from '../elements';
import type { TraceEvent } from '../network';
import type { StateCheck } from './check-schema';

export type Outcome = { passed: boolean; message: string };

export interface StateView {
  trace: readonly TraceEvent[];
  elements: readonly ElementSnapshot[];
}

export function evaluateStateCheck(c: StateCheck, run: StateView): Outcome {
  // Transactions are read from the trace as well: an element needs no snapshot for them.
  if (c.transaction) return transaction(c, c.transaction, run);
  const el = run.elements.find((e) => e.name === c.element);
  if (!el) return { passed: false, message: `there is no element named ${c.element}` };
  if (c.binding) {
    const want = safeAor(c.binding.aor);
    const bindings = (el.bindings ?? []).filter((b) => safeAor(b.aor) === want);
    const ok = bindings.filter(
      (b) => c.binding?.contact === undefined || sameContact(b.contact, c.binding.contact),
    );
    if (ok.length > 0)
      return {
        passed: true,
        message: `${c.element} binds ${want} → ${ok.map((b) => b.contact).join(', ')}`,
      };
    if (bindings.length > 0)
      return {
        passed: false,
        message: `${c.element} binds ${want} to ${bindings.map((b) => b.contact).join(', ')}, not to ${c.binding.contact ?? '?'}`,
      };
    const all = el.bindings ?? [];
    return {
      passed: false,
      message: `${c.element} has no binding for ${want} at the end${all.length > 0 ? ` (its bindings: ${all.map((b) => `${b.aor} → ${b.contact}`).join(', ')})` : ' (it has none)'}`,
    };
  }
  if (c.dialog) {
    const states = el.dialogs.map((d) => d.state);
    return states.includes(c.dialog.state)
      ? { passed: true, message: `${c.element} has a ${c.dialog.state} dialog` }
      : {
          passed: false,
          message: `${c.element} has no ${c.dialog.state} dialog at the end (${states.length > 0 ? `its dialogs: ${states.join(', ')}` : 'it has none'})`,
        };
  }
  if (c.activity) {
    const acts = (el.activities ?? []).filter((a) => a.kind === c.activity?.kind);
    const want = c.activity.state.toLowerCase();
    return acts.some((a) => a.state.toLowerCase() === want)
      ? { passed: true, message: `${c.element}'s ${c.activity.kind} is ${c.activity.state}` }
      : {
          passed: false,
          message: `${c.element} has no ${c.activity.kind} that is ${c.activity.state} at the end${acts.length > 0 ? ` (${acts.map((a) => a.state).join(', ')})` : ''}`,
        };
  }
  return { passed: false, message: 'the check names nothing to look at' };
}

/** Transactions from the trace's state events (finished ones leave the snapshots) and the snapshot. */
function transaction(
  c: StateCheck,
  t: NonNullable<StateCheck['transaction']>,
  run: StateView,
): Outcome {
  const history = new Map<string, { method: string; states: string[] }>();
  for (const e of run.trace) {
    if (e.type !== 'state' || e.element !== c.element || e.transactionId === undefined) continue;
    const m = /^\S+: (\S+) → (\S+)/.exec(e.detail);
    if (!m) continue;
    const h = history.get(e.transactionId) ?? {
      method: e.transactionId.slice(e.transactionId.lastIndexOf(':') + 1),
      states: [],
    };
    h.states.push(m[2]!);
    history.set(e.transactionId, h);
  }
  const el = run.elements.find((e) => e.name === c.element);
  for (const tx of el?.transactions ?? []) {
    const h = history.get(tx.id) ?? { method: tx.method, states: [] };
    if (h.states[h.states.length - 1] !== tx.state) h.states.push(tx.state);
    history.set(tx.id, h);
  }
  const want = t.state.toLowerCase();
  const method = t.method?.toUpperCase();
  const relevant = [...history.values()].filter(
    (h) => method === undefined || h.method.toUpperCase() === method,
  );
  const hit = relevant.some((h) =>
    t.reached
      ? h.states.some((s) => s.toLowerCase() === want)
      : h.states[h.states.length - 1]?.toLowerCase() === want,
  );
  const what = `${method ? `${method} ` : ''}transaction`;
  if (hit)
    return {
      passed: true,
      message: `${c.element} has a ${what} that ${t.reached ? 'reached' : 'ended in'} ${t.state}`,
    };
  if (relevant.length === 0) return { passed: false, message: `${c.element} had no ${what}` };
  return {
    passed: false,
    message: `no ${what} of ${c.element} ${t.reached ? 'reached' : 'ended in'} ${t.state} (they ended in: ${[...new Set(relevant.map((h) => h.states[h.states.length - 1] ?? '?'))].join(', ')})`,
  };
}

function safeAor(uri: string): string {
  try {
    return canonicalAor(uri);
  } catch {
    return uri.trim().toLowerCase();
  }
}

/** Two contacts name the same place: user, host and port (5060 when absent). */
function sameContact(a: string, b: string): boolean {
  try {
    const x = parseUri(a);
    const y = parseUri(b);
    if (!isSipUri(x) || !isSipUri(y)) return a === b;
    return (
      x.user === y.user &&
      x.host.toLowerCase() === y.host.toLowerCase() &&
      (x.port ?? 5060) === (y.port ?? 5060)
    );
  } catch {
    return a === b;
  }
}
