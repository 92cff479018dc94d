/**
 * The one error readCapture throws: the bytes are not a capture file at all (libpcap's file format,
 * or the pcapng draft's Section Header Block). Everything wrong inside a capture is a reported problem.
 */

export class CaptureFormatError extends Error {
  override readonly name = 'CaptureFormatError';

  constructor(
    /** Byte offset where the format was checked (0: the magic number). */
    readonly offset: number,
    /** What a capture has there. */
    readonly expected: string,
    /** What the file has there, for people (hex bytes and a guess of what the file is). */
    readonly found: string,
  ) {
    super(`expected ${expected} at byte ${offset}, found ${found}`);
  }
}
