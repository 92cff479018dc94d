/** Words for findings: how a message, a time or a URI is named in a sentence for a learner. */
import { formatNameAddr, formatUri, wireToText, type NameAddr, type Uri } from '../../codec';
import type { Msg } from '../model';

/** "INVITE" or "180 Ringing". */
export function what(m: Msg): string {
  if (m.response) {
    const reason = wireToText(m.response.reason).trim();
    return reason === '' ? String(m.status) : `${m.status} ${reason}`;
  }
  return m.method;
}

/** "the 180 Ringing to the INVITE" / "the BYE". */
export function the(m: Msg): string {
  return m.response ? `the ${what(m)} (to ${m.method})` : `the ${m.method}`;
}

/** "1.500 s". */
export function at(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

export function ms(n: number): string {
  return `${Math.round(n * 1000) / 1000} ms`;
}

export function uri(u: Uri | undefined): string {
  return u === undefined ? '(none)' : formatUri(u);
}

export function routeList(list: readonly NameAddr[] | undefined): string {
  if (list === undefined || list.length === 0) return '(none)';
  return list
    .map((r) => formatNameAddr({ displayName: null, uri: r.uri, params: r.params }))
    .join(', ');
}

/** A Route / Record-Route value compared as a whole: the URI with its parameters, and header params. */
export function routeKey(na: NameAddr): string {
  return (
    formatUri(na.uri).toLowerCase() +
    na.params.map((p) => `;${p.name.toLowerCase()}=${p.value ?? ''}`).join('')
  );
}

export function sameRoutes(a: readonly NameAddr[], b: readonly NameAddr[]): boolean {
  return a.length === b.length && a.every((x, i) => routeKey(x) === routeKey(b[i]!));
}
