/**
 * The /inspect page's worker side: reads a capture (sim/capture readCapture), lists its calls and
 * elements, runs the RFC check of its messages (sim/session captureFindings, as `sip import` does)
 * and keeps the messages' bytes, handing the page small rows; exports and the example capture are
 * made here too. No SIP logic of its own: it only puts the sim layers' answers together.
 */
import {
  CaptureFormatError,
  callsOf,
  endpointsOf,
  forwardedDiff,
  readCapture,
  traceDatagrams,
  writePcap,
  type CapturedMessage,
} from '@/sim/capture';
import { wireToBytes } from '@/sim/codec';
import { labelOf, ladderFromCapture, type Ladder } from '@/sim/export';
import { Simulation, builtinScenario } from '@/sim/scenario';
import { captureFindings } from '@/sim/session';
import { renameLanes } from './lanes';
import type {
  CaptureFinding,
  CaptureRemote,
  ExampleCapture,
  MessageDetail,
  MessageRow,
  OpenResult,
} from './protocol';

const STATUS_LINE = /^SIP\/\d+\.\d+ /i;

function rowsOf(messages: readonly CapturedMessage[]): MessageRow[] {
  const ladder = ladderFromCapture(messages);
  return messages.map((m, i) => {
    const row: MessageRow = {
      index: m.index,
      time: m.time,
      source: m.source,
      destination: m.destination,
      transport: m.transport,
      label: labelOf(m.firstLine),
      kind: m.error ? 'malformed' : STATUS_LINE.test(m.firstLine) ? 'response' : 'request',
      call: m.callId ?? '',
    };
    if (ladder.rows[i]?.retransmission) row.retransmission = true;
    const note = m.error?.message ?? m.note;
    if (note !== undefined) row.note = note;
    return row;
  });
}

function findingsOf(messages: readonly CapturedMessage[]): CaptureFinding[] {
  const readable = messages.filter((m) => m.error === undefined);
  return captureFindings(readable).map((f) => ({
    message: f.message,
    rule: f.rule,
    level: f.level,
    section: `${f.rfc} ${f.section}`,
    text: f.text,
  }));
}

export class CaptureHost implements CaptureRemote {
  private messages: CapturedMessage[] = [];
  private rowList: MessageRow[] = [];
  private findingList: CaptureFinding[] = [];
  private name = 'capture';

  async open(
    file: Blob,
    name: string,
    onProgress?: (fraction: number) => void,
  ): Promise<OpenResult> {
    const bytes = new Uint8Array(await file.arrayBuffer());
    let result;
    try {
      result = readCapture(bytes, onProgress ? { onProgress: (f) => void onProgress(f) } : {});
    } catch (e) {
      if (e instanceof CaptureFormatError)
        return { ok: false, error: `${name} is not a capture file: ${e.message}` };
      throw e;
    }
    this.messages = result.messages;
    this.rowList = rowsOf(result.messages);
    this.name = name;
    return {
      ok: true,
      capture: {
        name,
        format: result.format,
        packets: result.packets,
        bytes: bytes.length,
        messageCount: result.messages.length,
        messages: [],
        calls: callsOf(result.messages),
        endpoints: endpointsOf(result.messages),
        notices: result.notices,
        problems: result.problems,
      },
    };
  }

  async check(file: Blob): Promise<number> {
    try {
      this.findingList = findingsOf(readCapture(new Uint8Array(await file.arrayBuffer())).messages);
    } catch (e) {
      if (!(e instanceof CaptureFormatError)) throw e;
      this.findingList = [];
    }
    return this.findingList.length;
  }

  async findings(start: number, end: number): Promise<CaptureFinding[]> {
    return this.findingList.slice(start, end);
  }

  async rows(start: number, end: number): Promise<MessageRow[]> {
    return this.rowList.slice(start, end);
  }

  async message(index: number): Promise<MessageDetail | undefined> {
    const m = this.messages[index];
    if (m === undefined) return undefined;
    if (m.error) return { index, raw: m.raw, error: m.error };
    const hop = forwardedDiff(this.messages, index);
    const received = hop ? this.messages[hop.received] : undefined;
    if (!hop || !received) return { index, raw: m.raw };
    return {
      index,
      raw: m.raw,
      forwarded: {
        ...hop,
        receivedLabel: labelOf(received.firstLine),
        receivedTime: received.time,
      },
    };
  }

  private of(calls: readonly string[]): CapturedMessage[] {
    const chosen = new Set(calls);
    return this.messages.filter((m) => chosen.has(m.callId ?? ''));
  }

  async ladder(calls: readonly string[], names: Readonly<Record<string, string>>): Promise<Ladder> {
    return renameLanes(ladderFromCapture(this.of(calls), this.name), names);
  }

  async pcap(calls: readonly string[]): Promise<Uint8Array> {
    return writePcap(
      this.of(calls).map((m) => ({
        timeMicros: Math.round(m.absoluteTime * 1e6),
        source: m.source,
        destination: m.destination,
        transport: m.transport,
        payload: wireToBytes(m.raw),
      })),
    ).bytes;
  }

  async example(scenario: string): Promise<ExampleCapture> {
    const s = builtinScenario(scenario);
    if (s === undefined) throw new Error(`There is no built-in scenario named “${scenario}”.`);
    const sim = new Simulation(s);
    sim.run();
    const names: Record<string, string> = {};
    for (const e of sim.trace) {
      if (e.type !== 'send') continue;
      if (e.source && e.from) names[e.source] = e.from;
      if (e.destination && e.to) names[e.destination] = e.to;
    }
    return { bytes: writePcap(traceDatagrams(sim.trace)).bytes, names };
  }
}
