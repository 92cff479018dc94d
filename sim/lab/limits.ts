/**
 * The limits every lab and submission must respect, so a hostile lab link or submission file cannot hang
 * a browser tab or a grading run: each is checked where the data comes in, with a message that says
 * which limit was passed.
 */

/** A lab written as JSON (UTF-8) is at most this many bytes. */
export const MAX_LAB_BYTES = 200 * 1024;
/** Elements in a lab's scenario. */
export const MAX_ELEMENTS = 40;
/** Checks over all of a lab's tasks. */
export const MAX_CHECKS = 60;
export const MAX_TASKS = 30;
/** Virtual time a lab's run may cover: one hour, in ms. */
export const MAX_SIMULATED_MS = 3_600_000;
/** Steps of the simulation clock a lab's run may take. */
export const MAX_STEPS = 20_000;
/** Trace events kept for one run (a step records a handful; this only stops a runaway). */
export const MAX_TRACE_EVENTS = 200_000;
/** Actions in a submission or a reference solution. */
export const MAX_ACTIONS = 500;
/** Characters of an encoded lab in a URL fragment (deflated, then base64url). */
export const MAX_SHARE_CHARS = 400_000;
/** A submission written as JSON is at most this many bytes. */
export const MAX_SUBMISSION_BYTES = 1024 * 1024;

/** UTF-8 length of a string, counted without encoding it (a size check must not copy a huge input). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

export function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}
