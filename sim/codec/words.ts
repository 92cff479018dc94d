/**
 * Common words of the grammar (parameter names, Via's sent-protocol, methods) as shared constants:
 * a token found in a table costs no substring, and comparing it with a literal is a comparison of
 * references. A table only ever returns a word spelled exactly as received.
 */

/** Words bucketed by length. */
export type WordTable = readonly (readonly string[])[];

export function wordTable(words: readonly string[]): WordTable {
  const byLength: string[][] = [];
  for (const w of words) (byLength[w.length] ??= []).push(w);
  for (let i = 0; i < byLength.length; i++) byLength[i] ??= [];
  return byLength;
}

/** s[start, end) as a string (b holds the character codes of s): the table's constant when it has it. */
export function wordAt(
  table: WordTable,
  s: string,
  b: Uint8Array,
  start: number,
  end: number,
): string {
  const bucket = table[end - start];
  if (bucket !== undefined) {
    for (let k = 0; k < bucket.length; k++) {
      const word = bucket[k]!;
      let j = 0;
      while (j < word.length && word.charCodeAt(j) === b[start + j]) j++;
      if (j === word.length) return word;
    }
  }
  return s.slice(start, end);
}
