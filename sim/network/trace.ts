/**
 * The trace: every event of a run in order — datagrams sent, received and dropped, timers started,
 * fired and stopped, state changes, user actions, DNS look-ups — with its virtual time, the element it
 * happened at, and what caused it ("this 180 was sent because that INVITE arrived"). The UI, the CLI
 * and the lab checks read only the trace and the element snapshots.
 */

export type TraceEventType =
  | 'send'
  | 'receive'
  | 'drop'
  | 'timer-start'
  | 'timer-fire'
  | 'timer-stop'
  | 'state'
  | 'action'
  | 'dns'
  | 'discard'
  | 'note'
  /** The simulation itself failed (an exception inside an element): the run stops here. */
  | 'error';

export interface TraceEvent {
  /** Position in the trace, from 0. */
  id: number;
  /** Virtual time in ms. */
  time: number;
  type: TraceEventType;
  /** The element where it happened (the sender for "send" and "drop", the receiver for "receive"). */
  element: string;
  /** For datagrams: sender and receiver element names (receiver may be undefined if no element has the address). */
  from?: string;
  to?: string;
  /** For datagrams: "address:port" of each end. */
  source?: string;
  destination?: string;
  /** For datagrams: its number in the run, from 1 (send, receive and drop of one datagram share it). */
  datagram?: number;
  /** For datagrams: the message text as sent (a wire string: one character per byte). */
  raw?: string;
  method?: string;
  status?: number;
  reason?: string;
  callId?: string;
  branch?: string;
  cseq?: string;
  transactionId?: string;
  dialogId?: string;
  /** For timers: the RFC name ("A", "B", ..., or "C" for a proxy, "refresh" for a UA) and its duration. */
  timer?: string;
  durationMs?: number;
  /** True when the sender resends a message it sent before (a retransmission). */
  retransmission?: boolean;
  /** For a "send": the message was written by a person in place of the element's own (replacement.ts). */
  written?: boolean;
  /** The event that led to this one. */
  causedBy?: number;
  /** What happened, for people. */
  detail: string;
}

export type NewTraceEvent = Omit<TraceEvent, 'id' | 'time' | 'causedBy'> & { causedBy?: number };

export class Trace {
  readonly events: TraceEvent[] = [];
  /** Stop recording after this many events (a runaway scenario cannot exhaust memory). */
  limit = Infinity;
  /** When false, only counts are kept (used by the load benchmark). */
  recording = true;
  count = 0;

  constructor(
    private readonly now: () => number,
    private readonly cause: () => number | undefined,
  ) {}

  /** Counts an event that is not kept (no trace is recorded), without building it. */
  skip(): number {
    return this.count++;
  }

  add(e: NewTraceEvent): number {
    const id = this.count++;
    if (!this.recording || this.events.length >= this.limit) return id;
    const causedBy = e.causedBy ?? this.cause();
    const ev: TraceEvent = { ...e, id, time: this.now() };
    if (causedBy !== undefined) ev.causedBy = causedBy;
    this.events.push(ev);
    return id;
  }
}
