/**
 * The page's view of a capture's elements and calls: which messages the chosen calls hold, the
 * lanes they draw in (in order of first appearance) and the names the reader gave the addresses.
 * Pure, so the worker (for exports) and the page (for the ladder) agree.
 */
import type { Ladder } from '@/sim/export';

/** How many calls are drawn at first when a capture holds more. */
export const FIRST_CALLS = 50;

/** The calls drawn when a capture opens: all of them, or the first FIRST_CALLS. */
export function defaultSelection(calls: readonly string[], limit = FIRST_CALLS): Set<string> {
  return new Set(calls.slice(0, limit));
}

/** The messages of the chosen calls, in capture order ("" chooses messages without a Call-ID). */
export function messagesOfCalls<T extends { call: string }>(
  messages: readonly T[],
  calls: ReadonlySet<string>,
): T[] {
  return messages.filter((m) => calls.has(m.call));
}

/** The name of an address: the reader's, else the address itself. */
export function nameOf(address: string, names: Readonly<Record<string, string>>): string {
  const n = names[address]?.trim();
  return n ? n : address;
}

/** Addresses in order of first appearance (sender before receiver), as ladder lanes. */
export function laneOrder(messages: readonly { source: string; destination: string }[]): string[] {
  const seen = new Set<string>();
  for (const m of messages) {
    seen.add(m.source);
    seen.add(m.destination);
  }
  return [...seen];
}

/**
 * The ladder with each lane called by the reader's name for its address. Two addresses given the
 * same name keep their own lanes; the second gets its address beside the name so they stay apart.
 */
export function renameLanes(ladder: Ladder, names: Readonly<Record<string, string>>): Ladder {
  const used = new Set<string>();
  const lanes = ladder.lanes.map((lane) => {
    let label = nameOf(lane.id, names);
    if (used.has(label)) label = `${label} (${lane.id})`;
    used.add(label);
    return { ...lane, label };
  });
  return { ...ladder, lanes };
}
