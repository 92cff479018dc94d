/**
 * Time stamps: pcapng counts 64-bit units of the interface's if_tsresol (10^-n or 2^-n seconds) from
 * if_tsoffset; a nanosecond count since 1970 needs more than a double's 53 bits, so the split into
 * seconds and nanoseconds is exact (integer arithmetic, BigInt only past 2^53).
 */

const TWO_32 = 4294967296;

/** Whole seconds and nanoseconds of a 64-bit count (high and low 32 bits) of 1/unitsPerSecond. */
export function splitUnits(high: number, low: number, unitsPerSecond: number): [number, number] {
  const t = high * TWO_32 + low;
  if (t <= Number.MAX_SAFE_INTEGER && Number.isSafeInteger(unitsPerSecond)) {
    let seconds = Math.floor(t / unitsPerSecond);
    let rest = t - seconds * unitsPerSecond;
    if (rest < 0) {
      seconds--;
      rest += unitsPerSecond;
    } else if (rest >= unitsPerSecond) {
      seconds++;
      rest -= unitsPerSecond;
    }
    return [seconds, Math.floor((rest * 1e9) / unitsPerSecond)];
  }
  const big = (BigInt(high) << 32n) | BigInt(low);
  const units = BigInt(Math.round(unitsPerSecond));
  const seconds = big / units;
  const rest = big % units;
  return [Number(seconds), Number((rest * 1_000_000_000n) / units)];
}

/** The if_tsresol option's byte: 10^-n seconds, or 2^-n when the top bit is set; default 10^-6. */
export function unitsPerSecond(tsresol: number | undefined): number {
  if (tsresol === undefined) return 1e6;
  const n = tsresol & 0x7f;
  return (tsresol & 0x80) !== 0 ? 2 ** n : 10 ** n;
}

/** Seconds between two time stamps, rounded to the microsecond. */
export function secondsBetween(
  fromSeconds: number,
  fromNanos: number,
  seconds: number,
  nanos: number,
): number {
  const micros = (seconds - fromSeconds) * 1e6 + Math.round((nanos - fromNanos) / 1000);
  return micros / 1e6;
}

/** Seconds since 1970 as one number, to the microsecond. */
export function epochSeconds(seconds: number, nanos: number): number {
  return seconds + Math.round(nanos / 1000) / 1e6;
}
