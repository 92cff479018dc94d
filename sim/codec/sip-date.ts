/**
 * Date (RFC 3261 §20.17): SIP-date = rfc1123-date, always in GMT, e.g. "Sat, 13 Nov 2010 23:29:00 GMT"
 * (RFC 2616 §3.3.1), with whitespace around it. Read character by character at fixed places: no
 * regular expression, no captures.
 */
import { ValueParseError } from './errors';

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTH_NAMES = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const DATE_RULE = 'SIP-date = rfc1123-date, e.g. "Sat, 13 Nov 2010 23:29:00 GMT" (RFC 3261 §20.17)';

/** What stands at each place of "Ddd, DD Mmm YYYY HH:MM:SS GMT": U upper, l lower, 9 digit, else itself. */
const SHAPE = 'Ull, 99 Ull 9999 99:99:99 GMT';

function fitsShape(value: string, at: number): boolean {
  for (let k = 0; k < SHAPE.length; k++) {
    const c = value.charCodeAt(at + k);
    const want = SHAPE.charCodeAt(k);
    if (want === 85 /* U */) {
      if (c < 65 || c > 90) return false;
    } else if (want === 108 /* l */) {
      if (c < 97 || c > 122) return false;
    } else if (want === 57 /* 9 */) {
      if (c < 48 || c > 57) return false;
    } else if (c !== want) return false;
  }
  return true;
}

function isWs(c: number): boolean {
  return c === 32 || c === 9;
}

/** The number written by the digits value[at, at + n). */
function digits(value: string, at: number, n: number): number {
  let v = 0;
  for (let k = at; k < at + n; k++) v = v * 10 + (value.charCodeAt(k) - 48);
  return v;
}

/** Date as milliseconds since the Unix epoch (UTC). Throws ValueParseError when malformed. */
export function parseDate(value: string): number {
  let i = 0;
  while (i < value.length && isWs(value.charCodeAt(i))) i++;
  if (value.length - i < SHAPE.length || !fitsShape(value, i))
    throw new ValueParseError('malformed Date', 0, DATE_RULE);
  for (let k = i + SHAPE.length; k < value.length; k++)
    if (!isWs(value.charCodeAt(k))) throw new ValueParseError('malformed Date', 0, DATE_RULE);
  const day = value.slice(i, i + 3);
  const mon = value.slice(i + 8, i + 11);
  const dd = digits(value, i + 5, 2);
  const yyyy = digits(value, i + 12, 4);
  const hh = digits(value, i + 17, 2);
  const mi = digits(value, i + 20, 2);
  const ss = digits(value, i + 23, 2);
  const month = MONTH_NAMES.indexOf(mon);
  if (!DAY_NAMES.includes(day) || month < 0)
    throw new ValueParseError('unknown day or month name in Date', 0, DATE_RULE);
  const t = Date.UTC(yyyy, month, dd, hh, mi, ss);
  const check = new Date(t);
  if (check.getUTCDate() !== dd || hh > 23 || mi > 59 || ss > 60) {
    throw new ValueParseError('Date names a day or time that does not exist', 0, DATE_RULE);
  }
  if (DAY_NAMES[check.getUTCDay()] !== day)
    throw new ValueParseError(
      `${value.slice(i + 5, i + 7)} ${mon} ${value.slice(i + 12, i + 16)} is not a ${day}`,
      0,
      DATE_RULE,
    );
  return t;
}
