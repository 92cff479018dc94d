'use client';

/**
 * Fault injection: "Drop this message" on a selected message (a fault rule for its datagram number;
 * the run is replayed from its seed to the same step), rules that drop every message of a kind, the
 * list of what you dropped, and each link's latency and loss. The rule form and the link table are
 * the ones a lab's student tools use too (DropRuleForm, LinkSettings).
 */
import { memo, useId } from 'react';
import type { FaultRule } from '@/sim/network';
import { DropRuleForm, describeRule } from './DropRuleForm';
import type { MessageState } from './ladder-model';
import { LinkSettings } from './LinkSettings';
import { messageLabel } from './format';
import {
  USER_FAULT_NAME,
  sameItems,
  useSession,
  useSessionActions,
  useSessionSelector,
} from './use-session';

export function DropMessageButton({
  datagram,
  state,
}: {
  datagram: number;
  state: MessageState | undefined;
}) {
  const { state: s, actions } = useSession();
  const mine = s.userFaults.some((f) => f.datagram === datagram);
  if (mine)
    return (
      <p className="sim-fault-action">
        <button
          type="button"
          className="sim-button sim-button-small"
          onClick={() => actions.undropDatagram(datagram)}
        >
          Stop dropping this message
        </button>
      </p>
    );
  if (state === 'dropped') return null;
  return (
    <p className="sim-fault-action">
      <button
        type="button"
        className="sim-button sim-button-small sim-button-danger"
        onClick={() => actions.dropDatagram(datagram)}
      >
        <span aria-hidden="true">✗ </span>Drop this message
      </button>{' '}
      <span className="sim-muted sim-small">replays the run with datagram #{datagram} lost</span>
    </p>
  );
}

/** A datagram drop is "Drop this message"; anything else is a rule from the form. */
function isDatagramDrop(f: FaultRule): f is FaultRule & { datagram: number } {
  return (
    f.datagram !== undefined &&
    f.from === undefined &&
    f.to === undefined &&
    f.method === undefined &&
    f.status === undefined &&
    f.count === undefined &&
    f.retransmission === undefined
  );
}

/** Memoised: it re-renders when what it selects changes, not with every step. */
export const FaultTools = memo(function FaultTools({ links }: { links: boolean }) {
  const actions = useSessionActions();
  const droppedTitle = useId();
  const rulesTitle = useId();
  const linksTitle = useId();
  // What the tools show changes with a change of the network, not with a step: they re-render only
  // then (or when a dropped datagram's message first shows in the trace).
  const userFaults = useSessionSelector((s) => s.userFaults);
  const scenario = useSessionSelector((s) => s.scenario);
  const dropped = useSessionSelector(
    (s) =>
      s.userFaults.map((f) => {
        if (!isDatagramDrop(f)) return '';
        const row = s.ladder.rowOfDatagram(f.datagram);
        return row
          ? `${messageLabel(row.event)} ${row.element} → ${row.to ?? '?'}`
          : 'a later message';
      }),
    sameItems,
  );

  const remove = (f: FaultRule) =>
    actions.change({ faults: scenario.faults.filter((x) => x !== f) });

  return (
    <div className="sim-faults">
      <section className="sim-tool" aria-labelledby={droppedTitle}>
        <h4 id={droppedTitle}>Messages you dropped</h4>
        {userFaults.length === 0 ? (
          <p className="sim-muted sim-small">
            None. Select a message in the ladder and press “Drop this message”, or add a rule.
          </p>
        ) : (
          <>
            <ul className="sim-plain-list">
              {userFaults.map((f, i) => {
                if (isDatagramDrop(f)) {
                  const what = dropped[i];
                  return (
                    <li key={`d${f.datagram}`}>
                      Datagram #{f.datagram} ({what}){' '}
                      <button
                        type="button"
                        className="sim-link-button"
                        onClick={() => actions.undropDatagram(f.datagram)}
                      >
                        Remove
                        <span className="visually-hidden">
                          {' '}
                          the fault on datagram #{f.datagram}
                        </span>
                      </button>
                    </li>
                  );
                }
                const text = describeRule(f);
                return (
                  <li key={`r${i}`}>
                    Rule: drop {text}{' '}
                    <button type="button" className="sim-link-button" onClick={() => remove(f)}>
                      Remove
                      <span className="visually-hidden"> the rule: drop {text}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
            <button
              type="button"
              className="sim-button sim-button-small"
              onClick={actions.clearUserFaults}
            >
              Remove all my faults
            </button>
          </>
        )}
      </section>
      <section className="sim-tool" aria-labelledby={rulesTitle}>
        <h4 id={rulesTitle}>Drop messages by rule</h4>
        <DropRuleForm
          elements={scenario.elements.map((e) => e.name)}
          onAdd={(rule) =>
            actions.change({ faults: [...scenario.faults, { name: USER_FAULT_NAME, ...rule }] })
          }
        />
      </section>
      {links && scenario.links.length > 0 ? (
        <section className="sim-tool" aria-labelledby={linksTitle}>
          <h4 id={linksTitle}>Links</h4>
          <LinkSettings links={scenario.links} onChange={(link) => actions.change({ link })} />
        </section>
      ) : null}
    </div>
  );
});
