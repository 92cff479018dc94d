/**
 * The timer values and tolerances a check runs with (RFC 3261 §17.1.1.1, Table 4: T1 500 ms, T2 4 s,
 * T4 5 s), resolved once from the caller's options.
 */
import type { CheckOptions } from '../types';

export interface Settings {
  T1: number;
  T2: number;
  T4: number;
  /** ms allowed either side of an expected time. */
  tolerance: number;
  /**
   * What "immediately" means when the RFC asks for an answer at once: 200 ms, the bound §17.2.1 gives
   * a TU for its first response, plus the tolerance.
   */
  prompt: number;
  credentials: { username: string; password: string; realm?: string }[];
  hosts: ReadonlyMap<string, string>;
  endTime: number;
  translatedAddresses: boolean;
}

function finite(n: number | undefined, fallback: number, min = 0): number {
  return typeof n === 'number' && Number.isFinite(n) && n >= min ? n : fallback;
}

export function resolveSettings(options: CheckOptions, lastTime: number): Settings {
  const T1 = finite(options.T1, 500, 1);
  const tolerance = finite(options.tolerance, 1);
  const hosts = new Map<string, string>();
  for (const [k, v] of Object.entries(options.hosts ?? {}))
    if (typeof v === 'string') hosts.set(k.toLowerCase(), v);
  return {
    T1,
    T2: finite(options.T2, 4000, T1),
    T4: finite(options.T4, 5000, 0),
    tolerance,
    prompt: 200 + tolerance,
    credentials: Array.isArray(options.credentials)
      ? options.credentials.filter(
          (c) => c !== null && typeof c === 'object' && typeof c.username === 'string',
        )
      : [],
    hosts,
    endTime:
      typeof options.endTime === 'number' && !Number.isNaN(options.endTime)
        ? options.endTime
        : lastTime,
    translatedAddresses: options.translatedAddresses === true,
  };
}
