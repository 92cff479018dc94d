/**
 * Common words of the grammar (parameter names, Via's sent-protocol, methods) as shared constants:
 * a token found in a table costs no substring, and comparing it with a literal is a comparison of
 * references. A table only ever returns a word spelled exactly as received.
 */

/** Words bucketed by length, with their codes in one typed array (compared against the message's). */
export interface WordTable {
  readonly words: readonly string[];
  /** For each length, the indexes of the words of that length. */
  readonly byLength: readonly (readonly number[])[];
  /** The codes of every word, one after the other. */
  readonly codes: Uint8Array;
  /** Where each word's codes start. */
  readonly starts: Int32Array;
}

export function wordTable(words: readonly string[]): WordTable {
  const byLength: number[][] = [];
  words.forEach((w, i) => (byLength[w.length] ??= []).push(i));
  for (let i = 0; i < byLength.length; i++) byLength[i] ??= [];
  const starts = new Int32Array(words.length);
  let at = 0;
  words.forEach((w, i) => {
    starts[i] = at;
    at += w.length;
  });
  const codes = Uint8Array.from(words.join(''), (c) => c.charCodeAt(0));
  return { words, byLength, codes, starts };
}

/** s[start, end) as a string (b holds the character codes of s): the table's constant when it has it. */
export function wordAt(
  table: WordTable,
  s: string,
  b: Uint8Array,
  start: number,
  end: number,
): string {
  const index = wordIndex(table, b, start, end);
  return index >= 0 ? table.words[index]! : s.slice(start, end);
}

/** The index in the table of the word whose codes are b[start, end), or -1. */
export function wordIndex(table: WordTable, b: Uint8Array, start: number, end: number): number {
  const bucket = table.byLength[end - start];
  if (bucket !== undefined) {
    const codes = table.codes;
    for (let k = 0; k < bucket.length; k++) {
      const index = bucket[k]!;
      const at = table.starts[index]! - start;
      let j = start;
      while (j < end && codes[at + j] === b[j]) j++;
      if (j === end) return index;
    }
  }
  return -1;
}
