/**
 * What changed between a message an element received and the copy it sent on (RFC 3261 §16.6: Via
 * added, Max-Forwards decremented, Record-Route added, Request-URI rewritten, Route consumed; §16.7:
 * Via removed from a response), header by header. Pure comparison of two parsed messages: the
 * simulator's hop diff and the capture inspector's both use it.
 */
import { longName } from './header-names';
import type { SipMessage } from './message';
import { wireToText } from './wire';

export interface HeaderChange {
  kind: 'added' | 'removed' | 'changed';
  /** Long header name, e.g. "Max-Forwards". */
  header: string;
  before?: string;
  after?: string;
}

export interface MessageDiff {
  /** Present when the start line differs (a Request-URI rewritten, §16.6 step 6). */
  startLine?: { before: string; after: string };
  changes: HeaderChange[];
}

export function startLineOf(m: SipMessage): string {
  return m.kind === 'request'
    ? `${m.method} ${m.requestUri} ${m.version}`
    : `${m.version} ${m.status} ${wireToText(m.reason)}`;
}

/** The differences from `before` to `after`, Content-Length left out (it follows the body). */
export function messageDiff(before: SipMessage, after: SipMessage): MessageDiff {
  const changes: HeaderChange[] = [];
  const keys: string[] = [];
  for (const h of [...before.headers, ...after.headers])
    if (!keys.includes(h.key)) keys.push(h.key);
  for (const key of keys) {
    if (key === 'content-length') continue;
    const b = before.headersOf(key).map((h) => h.value);
    const a = after.headersOf(key).map((h) => h.value);
    const name = longName(key);
    // Values added at the top (Via, Record-Route) or removed from the top (Via on responses, Route).
    const bJoined = b.join(', ');
    const aJoined = a.join(', ');
    if (bJoined === aJoined) continue;
    if (b.length === 0) {
      for (const v of a) changes.push({ kind: 'added', header: name, after: v });
    } else if (a.length === 0) {
      for (const v of b) changes.push({ kind: 'removed', header: name, before: v });
    } else if (aJoined.endsWith(bJoined)) {
      changes.push({
        kind: 'added',
        header: name,
        after: aJoined.slice(0, aJoined.length - bJoined.length).replace(/,\s*$/, ''),
      });
    } else if (bJoined.endsWith(aJoined)) {
      changes.push({
        kind: 'removed',
        header: name,
        before: bJoined.slice(0, bJoined.length - aJoined.length).replace(/,\s*$/, ''),
      });
    } else {
      changes.push({ kind: 'changed', header: name, before: bJoined, after: aJoined });
    }
  }
  const sb = startLineOf(before);
  const sa = startLineOf(after);
  return { ...(sb !== sa ? { startLine: { before: sb, after: sa } } : {}), changes };
}
