/**
 * The ladder of a capture: one row per SIP message found, lanes by address. A message seen before
 * with the same bytes between the same addresses is a retransmission; one the codec rejects is
 * marked "malformed" with the codec's words as its note.
 */
import { wireToText } from '../codec';
import type { CapturedMessage } from '../capture';
import { LaneOrder, type Ladder, type LadderRow } from './ladder';

export function ladderFromCapture(messages: readonly CapturedMessage[], title = 'Capture'): Ladder {
  const lanes = new LaneOrder();
  const seen = new Set<string>();
  const rows = messages.map((m) => {
    const row: LadderRow = {
      time: m.time,
      from: lanes.add(m.source),
      to: lanes.add(m.destination),
      label: labelOf(m.firstLine),
    };
    const key = `${m.source}>${m.destination}>${m.raw}`;
    if (seen.has(key)) row.retransmission = true;
    else seen.add(key);
    if (m.error) {
      row.marks = ['malformed'];
      row.note = m.error.message;
    } else if (m.note !== undefined) row.note = m.note;
    return row;
  });
  return { title, lanes: lanes.list(), rows };
}

/** "INVITE" for a request, "180 Ringing" for a response, from the start line. */
export function labelOf(firstLine: string): string {
  const line = wireToText(firstLine);
  if (/^SIP\/\d+\.\d+ /i.test(line)) return line.slice(line.indexOf(' ') + 1).trim();
  return line.split(' ')[0] ?? line;
}
