'use client';

/**
 * "Export ladder" for a simulator widget (playground, lessons, labs): the ladder and the pcap of the
 * run up to the current step, from the session's trace (sim/export ladderFromTrace, sim/capture
 * tracePcap), loaded when a file is asked for.
 */
import { useSession } from '@/app/components/simulator/use-session';
import { ExportLadder } from './ExportLadder';

export function SessionExport() {
  const { state } = useSession();
  const events = () => state.trace.slice(0, state.view.eventCount);
  return (
    <ExportLadder
      title={state.scenario.name}
      ladder={async () =>
        (await import('@/sim/export')).ladderFromTrace(events(), state.scenario.title)
      }
      pcap={async () => (await import('@/sim/capture')).tracePcap(events())}
    />
  );
}
