/** How the simulator widget writes times, timer names and message labels for people. */
import { wireToText } from '@/sim/codec';
import type { TraceEvent } from '@/sim/network';

/** Virtual time in seconds with millisecond precision: "2.060 s". */
export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** A duration in seconds, as short as exact: "0.5 s", "32 s", "0.125 s". */
export function formatDuration(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

/** Time left on a timer: "1.0 s" below ten seconds, whole seconds above. */
export function formatRemaining(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  return s < 10 ? `${s.toFixed(1)} s` : `${Math.round(s)} s`;
}

/** "Timer A" for the RFC's one-letter timers, the name as it is for the others ("registration refresh"). */
export function timerLabel(name: string): string {
  return name.length <= 2 ? `Timer ${name}` : name.charAt(0).toUpperCase() + name.slice(1);
}

/** What a datagram carries, as a ladder shows it: "INVITE" or "200 OK". */
export function messageLabel(e: TraceEvent): string {
  if (e.method !== undefined) return e.method;
  if (e.status !== undefined) return `${e.status} ${wireToText(e.reason ?? '')}`.trim();
  return 'datagram';
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
