/**
 * A cursor over one header value, with the building blocks of RFC 3261's grammar (§25.1): LWS, tokens,
 * quoted strings, separators with optional whitespace (SEMI, COMMA, EQUAL, SLASH, COLON, ...).
 * Header values reach it already unfolded (each line fold replaced by one space).
 *
 * The value is s[base, end): a string of its own, or a header value read in place inside the whole
 * message, so that parsing a message takes no substring per value. The loops read the character
 * codes from `b` (the same characters as bytes: a typed array is read faster than a string); the
 * pieces the parsers keep are substrings of `s`. Error indexes count from `base`, so they are indexes
 * in the value either way.
 */
import { CLASS, TOKEN } from './chars';
import { ValueParseError } from './errors';
import { codesOf } from './codes';

export class Scanner {
  pos: number;

  constructor(
    /** The string the value is in. */
    public s: string,
    /** The character codes of s (codesOf(s), or the message's bytes). */
    public b: Uint8Array,
    /** Where the value starts in s. */
    public base: number,
    /** Where the value ends in s. */
    public end: number,
  ) {
    this.pos = base;
  }

  /** A scanner over a whole string. */
  static of(value: string): Scanner {
    return new Scanner(value, codesOf(value), 0, value.length);
  }

  /**
   * The one scanner that reads header values in place in messages, set to a value: a field parser
   * never starts another field's parse, so one instance serves them all without an allocation each.
   */
  static inPlace(s: string, b: Uint8Array, base: number, end: number): Scanner {
    const sc = IN_PLACE;
    sc.s = s;
    sc.b = b;
    sc.base = base;
    sc.end = end;
    sc.pos = base;
    return sc;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  peek(): number {
    return this.pos < this.end ? this.b[this.pos]! : -1;
  }

  /** Throws a ValueParseError at `at` (an index in s), reported as an index in the value. */
  fail(problem: string, expected: string, at = this.pos): never {
    throw new ValueParseError(problem, at - this.base, expected);
  }

  /** The value as a string of its own. */
  text(): string {
    return this.base === 0 && this.end === this.s.length
      ? this.s
      : this.s.slice(this.base, this.end);
  }

  /** Skips SP and HTAB (LWS after unfolding). Returns true if any was skipped. */
  skipWs(): boolean {
    const start = this.pos;
    const b = this.b;
    const end = this.end;
    let i = start;
    while (i < end) {
      const c = b[i]!;
      if (c !== 32 && c !== 9) break;
      i++;
    }
    this.pos = i;
    return i > start;
  }

  /** SWS c SWS: a separator with optional whitespace around it. Returns false (and moves nothing) if c is not next. */
  sep(c: number): boolean {
    const b = this.b;
    const end = this.end;
    let i = this.pos;
    while (i < end && (b[i] === 32 || b[i] === 9)) i++;
    if (i >= end || b[i] !== c) return false;
    i++;
    while (i < end && (b[i] === 32 || b[i] === 9)) i++;
    this.pos = i;
    return true;
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
    const b = this.b;
    const end = this.end;
    // The table as a local: the loop then loads it once, not once per character.
    const table = CLASS;
    while (i < end && (table[b[i]!]! & bit) !== 0) i++;
    return i;
  }

  /** quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE; returns the content with quoted-pairs undone. */
  quotedString(): string {
    const s = this.s;
    const b = this.b;
    const end = this.end;
    const open = this.pos;
    if (open >= end || b[open] !== 34 /* " */)
      this.fail('missing opening quote', 'a quoted-string (RFC 3261 §25.1)');
    let i = open + 1;
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= end) {
        this.fail(
          'quoted string is not closed',
          'a closing double quote (quoted-string, RFC 3261 §25.1)',
          open,
        );
      }
      const c = b[i]!;
      if (c === 34 /* " */) break;
      if (c === 92 /* \ */) {
        // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F)
        out += s.slice(chunk, i);
        // A backslash as the last character escapes nothing: the string is not closed (below).
        if (i + 1 >= end) {
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
    out = chunk === open + 1 ? s.slice(chunk, i) : out + s.slice(chunk, i);
    this.pos = i + 1;
    return out;
  }

  expectEnd(expected: string): void {
    this.skipWs();
    if (!this.done) this.fail(`unexpected "${this.s[this.pos]}"`, expected);
  }
}

const IN_PLACE = new Scanner('', new Uint8Array(0), 0, 0);
