/**
 * Parameters: `;name=value` lists after URIs (uri-parameter, RFC 3261 §19.1.1) and after header values
 * (generic-param = token [ EQUAL gen-value ], gen-value = token / host / quoted-string, §25.1).
 */
import { TOKEN } from './chars';
import { wordAt, wordTable } from './words';
import type { Scanner } from './scanner';

export interface Param {
  name: string;
  /** null for a parameter without "=" (e.g. `lr`, `rport`); quoted-string values are stored unquoted. */
  value: string | null;
  /** True when the value was (and will be written as) a quoted-string. */
  quoted?: boolean;
}

/**
 * The one empty parameter list that every value without parameters shares (most URIs, most header
 * values), so that parsing them allocates no array. Frozen: parsed values are read-only, and a
 * change to this one would show in every message.
 */
export const NO_PARAMS: Param[] = Object.freeze([]) as unknown as Param[];

const SEMI = 59;
const EQUAL = 61;
const DQ = 34;

const GENERIC_PARAM = 'a parameter: generic-param = token [ EQUAL gen-value ] (RFC 3261 §25.1)';

/**
 * Parameter names that nearly every message carries, kept as shared constants: a name found here
 * costs no substring, and findParam then compares it by reference.
 */
const COMMON_NAMES = wordTable([
  'tag',
  'branch',
  'received',
  'rport',
  'lr',
  'transport',
  'expires',
  'q',
  'maddr',
  'ttl',
  'user',
  'method',
]);

/** s[start, end) as a string: a shared constant when it is a common parameter name (b holds the codes of s). */
export function paramName(s: string, b: Uint8Array, start: number, end: number): string {
  return wordAt(COMMON_NAMES, s, b, start, end);
}

/**
 * The value of a parameter that a header's grammar defines more closely than gen-value (Via's received
 * and maddr), read at the scanner's position after "="; null to read it as a gen-value.
 */
export type ParamValueReader = (sc: Scanner, name: string) => string | null;

/** Parses `*( SEMI generic-param )` at the scanner's position. */
export function parseGenericParams(sc: Scanner, special?: ParamValueReader): Param[] {
  if (!sc.sep(SEMI)) return NO_PARAMS;
  // Most values carry one or two parameters: arrays of exactly that size (an array grown by push
  // starts with room for sixteen).
  const first = genericParam(sc, special);
  if (!sc.sep(SEMI)) return [first];
  const params: Param[] = [first, genericParam(sc, special)];
  while (sc.sep(SEMI)) params.push(genericParam(sc, special));
  return params;
}

/** generic-param = token [ EQUAL gen-value ], at the scanner's position (after the SEMI). */
function genericParam(sc: Scanner, special: ParamValueReader | undefined): Param {
  const start = sc.pos;
  const nameEnd = sc.over(start, TOKEN);
  if (nameEnd === start) sc.token(GENERIC_PARAM); // throws: no token here
  sc.pos = nameEnd;
  const name = paramName(sc.s, sc.b, start, nameEnd);
  if (!sc.sep(EQUAL)) return { name, value: null };
  const value = special === undefined ? null : special(sc, name);
  if (value !== null) return { name, value };
  if (sc.peek() === DQ) return { name, value: sc.quotedString(), quoted: true };
  if (sc.peek() === 91 /* [ */) {
    let end = sc.s.indexOf(']', sc.pos);
    if (end >= sc.end) end = -1;
    if (end < 0) sc.fail('IPv6 reference is not closed', 'a "]" (IPv6reference, RFC 3261 §25.1)');
    const reference = sc.s.slice(sc.pos, end + 1);
    sc.pos = end + 1;
    return { name, value: reference };
  }
  return {
    name,
    value: sc.token('a parameter value: token / host / quoted-string (gen-value, RFC 3261 §25.1)'),
  };
}

/** The first parameter with this name (names compare case-insensitively, RFC 3261 §7.3.1). */
export function findParam(params: readonly Param[], name: string): Param | undefined {
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p.name === name) return p;
  }
  // Rarely needed: a name spelled in another case ("Tag", "BRANCH").
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    if (p.name.length === name.length && p.name.toLowerCase() === name) return p;
  }
  return undefined;
}

/** The value of a parameter: undefined when absent, null when present without a value. */
export function paramValue(params: readonly Param[], name: string): string | null | undefined {
  const p = findParam(params, name);
  return p === undefined ? undefined : p.value;
}

export function quote(s: string): string {
  return `"${s.replace(/(["\\])/g, '\\$1')}"`;
}

export function formatParams(params: readonly Param[]): string {
  let out = '';
  for (const p of params) {
    out += ';' + p.name;
    if (p.value !== null) out += '=' + (p.quoted ? quote(p.value) : p.value);
  }
  return out;
}

/** Returns a copy of params with name set to value (replacing the first one of that name, or appended). */
export function withParam(params: readonly Param[], name: string, value: string | null): Param[] {
  const out = params.slice();
  const i = out.findIndex((p) => p.name.toLowerCase() === name);
  if (i >= 0) out[i] = { name: out[i]!.name, value };
  else out.push({ name, value });
  return out;
}

export function withoutParam(params: readonly Param[], name: string): Param[] {
  return params.filter((p) => p.name.toLowerCase() !== name);
}
