'use client';

/**
 * A state check: what an element has at the end of the run — a registrar binding for an AOR (RFC 3261
 * §10.3), a dialog in a state (§12), a transaction that ended in or reached a state (§17), or a user
 * agent's call, registration, subscription or message.
 */
import type { LabIssue } from '@/sim/lab';
import { isObj, put, type Obj, type ObjUpdate } from '../draft';
import { CheckField, ElementSelect, SelectField, TextField } from '../fields';

const STATE_WHAT = [
  { value: 'binding', label: 'a registrar binding' },
  { value: 'dialog', label: 'a dialog' },
  { value: 'activity', label: "a user agent's activity" },
  { value: 'transaction', label: 'a transaction' },
];

const STARTS: Record<string, Obj> = {
  binding: { aor: 'sip:alice@example.com' },
  dialog: { state: 'confirmed' },
  activity: { kind: 'registration', state: 'registered' },
  transaction: { method: 'INVITE', state: 'Terminated', reached: true },
};

export function StateCheckFields({
  c,
  at,
  issues,
  names,
  change,
}: {
  c: Obj;
  at: string;
  issues: readonly LabIssue[];
  names: readonly string[];
  change: ObjUpdate;
}) {
  const what = STATE_WHAT.find((w) => c[w.value] !== undefined)?.value ?? 'binding';
  const sub = isObj(c[what]) ? c[what] : {};
  const setSub = (key: string, value: unknown) =>
    change((o) => {
      const s = isObj(o[what]) ? o[what] : {};
      put(s, key, value);
      o[what] = s;
    });
  const p = `${at}.${what}`;
  return (
    <>
      <div className="lab-row">
        <ElementSelect
          issues={issues}
          label="Element"
          path={`${at}.element`}
          names={names}
          none="(choose)"
          value={c['element']}
          onChange={(v) => change((o) => (o['element'] = v ?? ''))}
        />
        <SelectField
          issues={issues}
          label="Has at the end"
          path={p}
          alsoPaths={[at]}
          value={what}
          options={STATE_WHAT}
          onChange={(v) =>
            change((o) => {
              for (const w of STATE_WHAT) delete o[w.value];
              o[v] = structuredClone(STARTS[v] ?? {});
            })
          }
        />
      </div>
      <div className="lab-row">
        {what === 'binding' ? (
          <>
            <TextField
              issues={issues}
              label="For the AOR"
              path={`${p}.aor`}
              value={sub['aor']}
              onChange={(v) => setSub('aor', v ?? '')}
            />
            <TextField
              issues={issues}
              label="To the contact (optional)"
              path={`${p}.contact`}
              value={sub['contact']}
              optional
              onChange={(v) => setSub('contact', v)}
            />
          </>
        ) : null}
        {what === 'dialog' ? (
          <SelectField
            issues={issues}
            label="In the state"
            path={`${p}.state`}
            value={String(sub['state'] ?? 'confirmed')}
            options={['early', 'confirmed', 'terminated'].map((s) => ({ value: s, label: s }))}
            onChange={(v) => setSub('state', v)}
          />
        ) : null}
        {what === 'activity' ? (
          <>
            <SelectField
              issues={issues}
              label="Activity"
              path={`${p}.kind`}
              value={String(sub['kind'] ?? 'registration')}
              options={['call', 'registration', 'subscription', 'message'].map((s) => ({
                value: s,
                label: s,
              }))}
              onChange={(v) => setSub('kind', v)}
            />
            <TextField
              issues={issues}
              label="Ends in the state"
              path={`${p}.state`}
              value={sub['state']}
              placeholder="registered"
              onChange={(v) => setSub('state', v ?? '')}
            />
          </>
        ) : null}
        {what === 'transaction' ? (
          <>
            <TextField
              issues={issues}
              label="Method (optional)"
              path={`${p}.method`}
              value={sub['method']}
              optional
              onChange={(v) => setSub('method', v?.toUpperCase())}
            />
            <TextField
              issues={issues}
              label="State"
              path={`${p}.state`}
              value={sub['state']}
              placeholder="Completed"
              onChange={(v) => setSub('state', v ?? '')}
            />
            <CheckField
              issues={issues}
              label="Reached at some time (not only at the end)"
              path={`${p}.reached`}
              checked={sub['reached'] === true}
              onChange={(v) => setSub('reached', v ? true : undefined)}
            />
          </>
        ) : null}
      </div>
    </>
  );
}
