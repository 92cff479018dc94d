/**
 * A cursor over one header value, with the building blocks of RFC 3261's grammar (§25.1): LWS, tokens,
 * quoted strings, separators with optional whitespace (SEMI, COMMA, EQUAL, SLASH, COLON, ...).
 * Header values reach it already unfolded (each line fold replaced by one space).
 */
import { BACKSLASH, CLASS, DQUOTE, TOKEN, isWs } from './chars';
import { ValueParseError } from './errors';

export class Scanner {
  pos = 0;
  constructor(readonly s: string) {}

  get done(): boolean {
    return this.pos >= this.s.length;
  }

  peek(): number {
    return this.pos < this.s.length ? this.s.charCodeAt(this.pos) : -1;
  }

  fail(problem: string, expected: string, at = this.pos): never {
    throw new ValueParseError(problem, at, expected);
  }

  /** Skips SP and HTAB (LWS after unfolding). Returns true if any was skipped. */
  skipWs(): boolean {
    const start = this.pos;
    const s = this.s;
    let i = start;
    while (i < s.length && isWs(s.charCodeAt(i))) i++;
    this.pos = i;
    return i > start;
  }

  /** SWS c SWS: a separator with optional whitespace around it. Returns false (and moves nothing) if c is not next. */
  sep(c: number): boolean {
    const start = this.pos;
    this.skipWs();
    if (this.peek() === c) {
      this.pos++;
      this.skipWs();
      return true;
    }
    this.pos = start;
    return false;
  }

  expectSep(c: number, expected: string): void {
    if (!this.sep(c)) {
      this.skipWs();
      this.fail(
        this.done ? `missing "${String.fromCharCode(c)}"` : `unexpected "${this.s[this.pos]}"`,
        expected,
      );
    }
  }

  /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
  token(expected = 'a token (RFC 3261 §25.1)'): string {
    const start = this.pos;
    const end = this.over(start, TOKEN);
    if (end === start) {
      this.fail(this.done ? 'value ends too early' : `unexpected "${this.s[start]}"`, expected);
    }
    this.pos = end;
    return this.s.slice(start, end);
  }

  /** Characters while the class bit holds; may be empty. */
  run(bit: number): string {
    const start = this.pos;
    const end = this.over(start, bit);
    this.pos = end;
    return this.s.slice(start, end);
  }

  /** The index after the run of characters of one class that starts at i (moves nothing). */
  over(i: number, bit: number): number {
    const s = this.s;
    // Locals, not module bindings, in the loop: one load of the table per call.
    const table = CLASS;
    const n = s.length;
    while (i < n) {
      const c = s.charCodeAt(i);
      if (c > 255 || (table[c]! & bit) === 0) break;
      i++;
    }
    return i;
  }

  /** quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE; returns the content with quoted-pairs undone. */
  quotedString(): string {
    const s = this.s;
    const open = this.pos;
    if (s.charCodeAt(open) !== DQUOTE)
      this.fail('missing opening quote', 'a quoted-string (RFC 3261 §25.1)');
    let i = open + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= s.length) {
        this.fail(
          'quoted string is not closed',
          'a closing double quote (quoted-string, RFC 3261 §25.1)',
          open,
        );
      }
      const c = s.charCodeAt(i);
      if (c === DQUOTE) break;
      if (c === BACKSLASH) {
        // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
        out += s.slice(chunk, i);
        // A backslash as the last character escapes nothing: the string is not closed (below).
        if (i + 1 >= s.length) {
          i++;
          continue;
        }
        out += s[i + 1];
        i += 2;
        chunk = i;
        continue;
      }
      i++;
    }
    out += s.slice(chunk, i);
    this.pos = i + 1;
    return out;
  }

  /** The rest of the value, trimmed of trailing whitespace. */
  rest(): string {
    const r = this.s.slice(this.pos).replace(/[ \t]+$/, '');
    this.pos = this.s.length;
    return r;
  }

  expectEnd(expected: string): void {
    this.skipWs();
    if (!this.done) this.fail(`unexpected "${this.s[this.pos]}"`, expected);
  }
}
