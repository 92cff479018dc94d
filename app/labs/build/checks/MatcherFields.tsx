'use client';

/**
 * The fields of a message matcher — which datagrams a message check or a "select the message" question
 * is about: sent, received or lost; from and to which element; the method or status (RFC 3261 §7.1,
 * §7.2); first sends or retransmissions; whether the receiver passed it on; and conditions on its
 * headers (present, absent, containing, a number below or above).
 */
import type { LabIssue } from '@/sim/lab';
import { isObj, put, type Obj, type ObjUpdate } from '../draft';
import {
  ElementSelect,
  MethodOrStatusField,
  NumberField,
  SelectField,
  TextField,
  TransmissionSelect,
} from '../fields';

export function MatcherFields({
  m,
  at,
  issues,
  names,
  change,
  defaultType,
}: {
  m: Obj;
  at: string;
  issues: readonly LabIssue[];
  names: readonly string[];
  change: ObjUpdate;
  defaultType: string;
}) {
  const type = typeof m['type'] === 'string' ? m['type'] : '';
  return (
    <div className="lab-row">
      <SelectField
        issues={issues}
        label="Event"
        path={`${at}.type`}
        value={type}
        options={[
          { value: '', label: `${defaultType} (default)` },
          { value: 'send', label: 'sent' },
          { value: 'receive', label: 'received' },
          { value: 'drop', label: 'lost' },
        ]}
        onChange={(v) => change((o) => put(o, 'type', v))}
      />
      <ElementSelect
        issues={issues}
        label="From"
        path={`${at}.from`}
        names={names}
        none="any element"
        value={m['from']}
        onChange={(v) => change((o) => put(o, 'from', v))}
      />
      <ElementSelect
        issues={issues}
        label="To"
        path={`${at}.to`}
        names={names}
        none="any element"
        value={m['to']}
        onChange={(v) => change((o) => put(o, 'to', v))}
      />
      <MethodOrStatusField value={m} at={at} issues={issues} onChange={change} />
      <TransmissionSelect
        issues={issues}
        label="Transmission"
        path={`${at}.retransmission`}
        all="any"
        value={m['retransmission']}
        onChange={(v) => change((o) => put(o, 'retransmission', v))}
      />
      {type === 'receive' ? (
        <SelectField
          issues={issues}
          label="Then the receiver"
          path={`${at}.forwarded`}
          value={m['forwarded'] === true ? 'yes' : m['forwarded'] === false ? 'no' : ''}
          options={[
            { value: '', label: 'does anything' },
            { value: 'yes', label: 'passes it on' },
            { value: 'no', label: 'absorbs it' },
          ]}
          onChange={(v) => change((o) => put(o, 'forwarded', v === '' ? undefined : v === 'yes'))}
        />
      ) : null}
    </div>
  );
}

const HEADER_TESTS = [
  { value: 'present', label: 'is present' },
  { value: 'absent', label: 'is absent' },
  { value: 'contains', label: 'contains' },
  { value: 'equals', label: 'equals' },
  { value: 'below', label: 'is a number below' },
  { value: 'above', label: 'is a number above' },
];

function headerTest(h: Obj): string {
  if (h['present'] === false) return 'absent';
  for (const k of ['contains', 'equals', 'below', 'above']) if (h[k] !== undefined) return k;
  return 'present';
}

function headerList(o: Obj): Obj[] {
  return Array.isArray(o['headers']) ? o['headers'].filter(isObj) : [];
}

export function HeaderConditions({
  m,
  at,
  issues,
  change,
}: {
  m: Obj;
  at: string;
  issues: readonly LabIssue[];
  change: ObjUpdate;
}) {
  const headers = headerList(m);
  const setHeader = (i: number, fn: (h: Obj) => void) =>
    change((o) => {
      const list = headerList(o);
      const h = list[i];
      if (!h) return;
      fn(h);
      o['headers'] = list;
    });
  return (
    <div className="lab-headers">
      {headers.map((h, i) => {
        const test = headerTest(h);
        const hp = `${at}.headers[${i}]`;
        return (
          <div key={i} className="lab-row">
            <TextField
              issues={issues}
              label="Header"
              path={`${hp}.name`}
              value={h['name']}
              placeholder="Record-Route"
              onChange={(v) => setHeader(i, (x) => put(x, 'name', v ?? ''))}
            />
            <SelectField
              issues={issues}
              label="Condition"
              path={`${hp}.present`}
              value={test}
              options={HEADER_TESTS}
              onChange={(v) =>
                setHeader(i, (x) => {
                  const old = x[test];
                  for (const k of ['present', 'contains', 'equals', 'below', 'above']) delete x[k];
                  if (v === 'absent') x['present'] = false;
                  else if (v === 'below' || v === 'above')
                    x[v] = typeof old === 'number' ? old : Number(old) || 70;
                  else if (v === 'contains' || v === 'equals')
                    x[v] = typeof old === 'string' && old ? old : String(old ?? '') || 'x';
                })
              }
            />
            {test === 'below' || test === 'above' ? (
              <NumberField
                issues={issues}
                label="Number"
                path={`${hp}.${test}`}
                value={h[test]}
                className="lab-narrow"
                onChange={(v) => setHeader(i, (x) => put(x, test, v))}
              />
            ) : test === 'contains' || test === 'equals' ? (
              <TextField
                issues={issues}
                label="Text"
                path={`${hp}.${test}`}
                value={h[test]}
                onChange={(v) => setHeader(i, (x) => (x[test] = v ?? ''))}
              />
            ) : null}
            <button
              type="button"
              className="lab-link-button lab-row-remove"
              onClick={() =>
                change((o) => {
                  const list = headerList(o);
                  list.splice(i, 1);
                  put(o, 'headers', list.length > 0 ? list : undefined);
                })
              }
            >
              Remove<span className="visually-hidden"> header condition {i + 1}</span>
            </button>
          </div>
        );
      })}
      <button
        type="button"
        className="lab-link-button"
        onClick={() =>
          change((o) => {
            const list = headerList(o);
            list.push({ name: 'CSeq', contains: 'REGISTER' });
            o['headers'] = list;
          })
        }
      >
        Add header condition
      </button>
    </div>
  );
}
