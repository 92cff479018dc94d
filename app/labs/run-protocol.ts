/**
 * The work the lab pages hand to a Web Worker, so that a long run (a hostile lab may ask for an hour
 * of simulated time and 20,000 steps) never blocks the page: grading a student's actions with sim/lab's
 * runLab, grading a submission file by replaying it (the Grade page, as `sip lab grade` does), and
 * running a scenario to list its messages (for "select the message in the ladder" and for the
 * builder's "Record checks from run"). Pure functions of their input; the worker and the fallback on
 * the main thread both call computeRun().
 */
import { wireToText } from '@/sim/codec';
import type { TraceEvent } from '@/sim/network';
import type { Scenario } from '@/sim/scenario';
import {
  LabError,
  gradeSubmissionText,
  runLab,
  runScenario,
  type Evaluation,
  type GradeResult,
  type Lab,
  type LabIssue,
  type RunEnd,
  type StudentAction,
} from '@/sim/lab';

/** At most this many messages are listed (a select of more would be of no use to anyone). */
export const MAX_LISTED_MESSAGES = 3000;

/** One datagram of a run, as the lists show it. */
export interface RunMessage {
  /** The trace event id of its send (what a "select the message" answer records). */
  id: number;
  datagram: number;
  time: number;
  from: string;
  to: string;
  method?: string;
  status?: number;
  /** "INVITE" or "200 OK". */
  label: string;
  /** The method of the request a response answers (from CSeq). */
  cseqMethod?: string;
  retransmission: boolean;
  lost: boolean;
}

export interface RunSummary {
  end: RunEnd;
  steps: number;
  time: number;
  messages: RunMessage[];
  /** Messages in the run (more than listed when it passed MAX_LISTED_MESSAGES). */
  messageCount: number;
}

export type RunRequest =
  | { kind: 'grade'; lab: Lab; student: string; actions: StudentAction[] }
  | { kind: 'submission'; lab: Lab; text: string; legacyHash?: string }
  | { kind: 'scenario'; scenario: Scenario };

export type RunResponse =
  | { ok: true; kind: 'grade'; summary: RunSummary; evaluation: Evaluation }
  | { ok: true; kind: 'submission'; result: GradeResult }
  | { ok: true; kind: 'scenario'; summary: RunSummary }
  | { ok: false; error: string; issues: LabIssue[]; cancelled?: true };

export function messageLabel(e: Pick<TraceEvent, 'method' | 'status' | 'reason'>): string {
  if (e.method !== undefined) return e.method;
  if (e.status !== undefined) return `${e.status} ${wireToText(e.reason ?? '')}`.trim();
  return 'datagram';
}

/** The datagrams of a trace, each once (at its send), with its loss marked. */
export function listMessages(trace: readonly TraceEvent[]): {
  messages: RunMessage[];
  count: number;
} {
  const lost = new Set<number>();
  for (const e of trace) if (e.type === 'drop' && e.datagram !== undefined) lost.add(e.datagram);
  const messages: RunMessage[] = [];
  let count = 0;
  for (const e of trace) {
    if (e.type !== 'send' || e.datagram === undefined) continue;
    count++;
    if (messages.length >= MAX_LISTED_MESSAGES) continue;
    const m: RunMessage = {
      id: e.id,
      datagram: e.datagram,
      time: e.time,
      from: e.from ?? e.element,
      to: e.to ?? e.destination ?? '?',
      label: messageLabel(e),
      retransmission: e.retransmission === true,
      lost: lost.has(e.datagram),
    };
    if (e.method !== undefined) m.method = e.method;
    if (e.status !== undefined) m.status = e.status;
    const cseq = e.cseq !== undefined ? /\s([A-Za-z]+)\s*$/.exec(e.cseq)?.[1] : undefined;
    if (cseq !== undefined) m.cseqMethod = cseq.toUpperCase();
    messages.push(m);
  }
  return { messages, count };
}

/** "#12 t=0.052 s alice → registrar: REGISTER (retransmission)". */
export function describeMessage(m: RunMessage): string {
  const notes = [m.retransmission ? 'retransmission' : '', m.lost ? 'lost' : '']
    .filter(Boolean)
    .join(', ');
  return `#${m.id} t=${(m.time / 1000).toFixed(3)} s ${m.from} → ${m.to}: ${m.label}${notes ? ` (${notes})` : ''}`;
}

function summary(run: {
  end: RunEnd;
  steps: number;
  time: number;
  trace: readonly TraceEvent[];
}): RunSummary {
  const { messages, count } = listMessages(run.trace);
  return { end: run.end, steps: run.steps, time: run.time, messages, messageCount: count };
}

export function computeRun(req: RunRequest): RunResponse {
  try {
    if (req.kind === 'grade') {
      const run = runLab(req.lab, req.student, req.actions);
      return { ok: true, kind: 'grade', summary: summary(run), evaluation: run.evaluation };
    }
    if (req.kind === 'submission') {
      const options = req.legacyHash !== undefined ? { legacyHash: req.legacyHash } : {};
      return {
        ok: true,
        kind: 'submission',
        result: gradeSubmissionText(req.lab, req.text, options),
      };
    }
    return { ok: true, kind: 'scenario', summary: summary(runScenario(req.scenario)) };
  } catch (e) {
    if (e instanceof LabError)
      return {
        ok: false,
        error: 'What you did cannot be replayed in this lab.',
        issues: e.issues,
      };
    return {
      ok: false,
      error: `The simulation failed: ${e instanceof Error ? e.message : String(e)}`,
      issues: [],
    };
  }
}
