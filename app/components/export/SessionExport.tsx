'use client';

/**
 * "Export ladder" for a simulator widget (playground, lessons, labs): the ladder and the pcap of the
 * run up to the current step, from the session's trace (sim/export ladderFromTrace, sim/capture
 * tracePcap), loaded when a file is asked for.
 */
import { memo } from 'react';
import { useSessionActions, useSessionSelector } from '@/app/components/simulator/use-session';
import { ExportLadder } from './ExportLadder';

/** Memoised: it re-renders when what it selects changes, not with every step. */
export const SessionExport = memo(function SessionExport() {
  // The trace is read when a file is asked for: a step does not re-render the export menu.
  const session = useSessionActions();
  const name = useSessionSelector((s) => s.scenario.name);
  const events = () => {
    const state = session.getState();
    return state.trace.slice(0, state.view.eventCount);
  };
  return (
    <ExportLadder
      title={name}
      ladder={async () =>
        (await import('@/sim/export')).ladderFromTrace(events(), session.getState().scenario.title)
      }
      pcap={async () => (await import('@/sim/capture')).tracePcap(events())}
    />
  );
});
