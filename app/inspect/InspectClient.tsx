'use client';

/**
 * The /inspect page's client: open a capture (file input or drop), read it in the worker with a
 * progress bar, then the call list, the elements, the ladder of the chosen calls with Step and Back,
 * the inspector, the RFC findings and the exports. The page only draws what the worker sends.
 */
import {
  startTransition,
  useCallback,
  useDeferredValue,
  useEffect,
  useMemo,
  useRef,
  useState,
  type DragEvent,
  type KeyboardEvent,
} from 'react';
import type { EndpointKind } from '@/sim/capture';
import { ExportLadder } from '@/app/components/export/ExportLadder';
import '@/app/components/simulator/simulator.css';
import { CallList, NO_CALL } from './CallList';
import { connectCapture, type CaptureConnection } from './capture-client';
import { CaptureInspector } from './CaptureInspector';
import { CaptureLadder } from './CaptureLadder';
import { ElementList, KIND_NAMES } from './ElementList';
import { FindingsList } from './FindingsList';
import { defaultSelection, laneOrder, messagesOfCalls } from './lanes';
import type { CaptureFinding, MessageDetail, MessageRow, OpenedCapture } from './protocol';
import './inspect.css';

/** The built-in scenario whose pcap is the example capture. */
const EXAMPLE = 'call-trapezoid';

type Status =
  | { kind: 'idle' }
  | { kind: 'reading'; name: string; fraction: number }
  | { kind: 'error'; message: string };

const TEXT_INPUT = 'input, textarea, select';
/** Rows per slice fetched from the worker. */
const ROW_SLICE = 2000;
/** Findings per slice fetched from the checking worker. */
const FINDING_SLICE = 2000;

/** The RFC check's findings, in message order and by message (for the ladder and the inspector). */
interface Checked {
  list: CaptureFinding[];
  byMessage: ReadonlyMap<number, readonly CaptureFinding[]>;
}
const NOTHING_CHECKED: Checked = { list: [], byMessage: new Map() };

/**
 * The RFC check of a capture in the second worker, its findings fetched in slices so no single
 * structured clone holds up the page's thread (a 50 MB capture can have tens of thousands of
 * findings); the index by message is built slice by slice too. Undefined when a later capture was
 * opened meanwhile.
 */
async function checkCapture(
  host: CaptureConnection['host'],
  file: Blob,
  current: () => boolean,
): Promise<Checked | undefined> {
  const count = await host.check(file);
  const list: CaptureFinding[] = [];
  const byMessage = new Map<number, CaptureFinding[]>();
  for (let i = 0; i < count; i += FINDING_SLICE) {
    if (!current()) return undefined;
    for (const f of await host.findings(i, i + FINDING_SLICE)) {
      list.push(f);
      const of = byMessage.get(f.message);
      if (of) of.push(f);
      else byMessage.set(f.message, [f]);
    }
  }
  return current() ? { list, byMessage } : undefined;
}

export function InspectClient() {
  const conn = useRef<CaptureConnection | undefined>(undefined);
  /** A second worker for the RFC check, which can take long on a large capture. */
  const checker = useRef<CaptureConnection | undefined>(undefined);
  /** Bumped by every capture opened, so a late check of an earlier one is dropped. */
  const generation = useRef(0);
  const [checked, setChecked] = useState<Checked | undefined>(undefined);
  const findings = checked?.list;
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [capture, setCapture] = useState<OpenedCapture | undefined>(undefined);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [names, setNames] = useState<Record<string, string>>({});
  const [kinds, setKinds] = useState<Record<string, EndpointKind>>({});
  /**
   * The current message, by its index in the capture (MessageRow.index), not by its place in the
   * ladder: the ladder of newly chosen calls renders a moment later (deferred), and a message chosen
   * meanwhile must stay the one shown. Undefined: the first message drawn.
   */
  const [current, setCurrent] = useState<number | undefined>(undefined);
  const [detail, setDetail] = useState<MessageDetail | undefined>(undefined);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    const c = connectCapture();
    conn.current = c;
    return () => {
      c.close();
      checker.current?.close();
      conn.current = undefined;
      checker.current = undefined;
    };
  }, []);

  const open = useCallback(async (file: Blob, name: string, given: Record<string, string> = {}) => {
    const c = conn.current;
    if (!c) return;
    setStatus({ kind: 'reading', name, fraction: 0 });
    const gen = ++generation.current;
    let last = 0;
    try {
      const result = await c.host.open(file, name, (fraction) => {
        // A repaint per percent is plenty.
        if (fraction - last >= 0.01 || fraction === 1) {
          last = fraction;
          setStatus({ kind: 'reading', name, fraction });
        }
      });
      if (!result.ok) {
        setStatus({ kind: 'error', message: result.error });
        return;
      }
      const cap = result.capture;
      // The rows come in slices: each is read (structured clone) in a short task of its own.
      const all: MessageRow[] = [];
      for (let i = 0; i < cap.messageCount; i += ROW_SLICE) {
        if (gen !== generation.current) return;
        const slice = await c.host.rows(i, i + ROW_SLICE);
        for (const r of slice) all.push(r);
        setStatus({ kind: 'reading', name, fraction: 1 });
      }
      cap.messages = all;
      const ids = cap.calls.map((x) => x.callId);
      if (cap.messages.some((m) => m.call === NO_CALL)) ids.push(NO_CALL);
      // A transition: React renders the large capture in slices, yielding to input between them.
      startTransition(() => {
        setCapture(cap);
        setChosen(defaultSelection(ids));
        setNames(given);
        setKinds({});
        setCurrent(undefined);
        setDetail(undefined);
        setChecked(undefined);
        setStatus({ kind: 'idle' });
      });
      checker.current ??= connectCapture();
      const current = () => gen === generation.current;
      checkCapture(checker.current.host, file, current).then(
        (done) => {
          if (done) startTransition(() => setChecked(done));
        },
        () => {
          if (current()) setChecked(NOTHING_CHECKED);
        },
      );
    } catch (e) {
      setStatus({
        kind: 'error',
        message: `${name} could not be read: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  }, []);

  const openFile = useCallback(
    async (file: File) => {
      await open(file, file.name);
    },
    [open],
  );

  const openExample = useCallback(async () => {
    const c = conn.current;
    if (!c) return;
    setStatus({ kind: 'reading', name: `${EXAMPLE}.pcap`, fraction: 0 });
    try {
      const example = await c.host.example(EXAMPLE);
      await open(new Blob([example.bytes as BlobPart]), `${EXAMPLE}.pcap`, example.names);
    } catch (e) {
      setStatus({ kind: 'error', message: `The example could not be made: ${String(e)}` });
    }
  }, [open]);

  // The ladder of the chosen calls renders after the call list, in a commit of its own: opening a
  // large capture never lays out the whole page in one task.
  const drawn = useDeferredValue(chosen);
  const rows = useMemo(
    () => (capture ? messagesOfCalls(capture.messages, drawn) : []),
    [capture, drawn],
  );
  const lanes = useMemo(() => laneOrder(rows), [rows]);
  const findingsByMessage = checked?.byMessage ?? NOTHING_CHECKED.byMessage;
  const guessed = useMemo(
    () => new Map((capture?.endpoints ?? []).map((e) => [e.address, e.kind])),
    [capture],
  );
  const kindOf = useCallback(
    (address: string) => KIND_NAMES[kinds[address] ?? guessed.get(address) ?? 'unknown'],
    [kinds, guessed],
  );
  const drawnPosition = useMemo(() => new Map(rows.map((r, i) => [r.index, i])), [rows]);

  const at = current === undefined ? 0 : (drawnPosition.get(current) ?? 0);
  const row = rows[at];
  useEffect(() => {
    const c = conn.current;
    if (!c || row === undefined) return;
    let live = true;
    void c.host.message(row.index).then((d) => {
      if (live) setDetail(d);
    });
    return () => {
      live = false;
    };
  }, [row]);

  /** Makes the message at this place in the ladder the current one. */
  const moveTo = (place: number) => {
    const r = rows[Math.max(0, Math.min(place, rows.length - 1))];
    if (r) setCurrent(r.index);
  };
  const step = () => moveTo(at + 1);
  const back = () => moveTo(at - 1);

  function onKeyDown(e: KeyboardEvent<HTMLElement>) {
    if (e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return;
    if ((e.target as HTMLElement).closest(TEXT_INPUT)) return;
    if (e.key === 'ArrowRight' || e.key === '.') {
      e.preventDefault();
      step();
    } else if (e.key === 'ArrowLeft' || e.key === ',') {
      e.preventDefault();
      back();
    }
  }

  function onDrop(e: DragEvent<HTMLElement>) {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void openFile(file);
  }

  const chosenList = () => [...chosen];
  const loose = capture ? capture.messages.filter((m) => m.call === NO_CALL).length : 0;

  return (
    <div
      className={`insp${dragging ? ' insp-dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <div className="insp-open">
        <label className="insp-file">
          <span className="insp-file-label">Open a capture</span>
          <input
            type="file"
            accept=".pcap,.pcapng,.cap,application/vnd.tcpdump.pcap"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) void openFile(file);
              e.target.value = '';
            }}
          />
        </label>
        <button type="button" className="sim-button" onClick={() => void openExample()}>
          Try an example capture
        </button>
        <p className="insp-muted insp-small insp-open-hint">
          pcap or pcapng, or drop the file on this page. It is read in your browser; nothing is
          uploaded.
        </p>
      </div>
      {status.kind === 'reading' ? (
        <div className="insp-progress">
          <progress aria-label={`Reading ${status.name}`} max={1} value={status.fraction} />
          <span className="insp-small">
            Reading {status.name}: {Math.round(status.fraction * 100)}%
          </span>
        </div>
      ) : null}
      {status.kind === 'error' ? (
        <p className="insp-error" role="alert">
          {status.message}
        </p>
      ) : null}
      {capture ? (
        <>
          <p className="insp-summary" role="status">
            <strong>{capture.name}</strong> ({capture.format}, {capture.packets} packets):{' '}
            {capture.messages.length} SIP messages, {capture.calls.length} calls,{' '}
            {findings === undefined
              ? 'RFC check running…'
              : `${findings.length} RFC finding${findings.length === 1 ? '' : 's'}.`}
          </p>
          {capture.notices.length > 0 || capture.problems.length > 0 ? (
            <div className="insp-notice" role="note">
              <strong>Not everything in this capture could be read.</strong>
              <ul>
                {capture.notices.map((n, i) => (
                  <li key={`n${i}`}>{n}</li>
                ))}
                {capture.problems.slice(0, 5).map((p, i) => (
                  <li key={`p${i}`}>
                    At byte {p.offset}
                    {p.packet !== undefined ? ` (packet ${p.packet})` : ''}: {p.why}
                  </li>
                ))}
                {capture.problems.length > 5 ? (
                  <li>… and {capture.problems.length - 5} more problems.</li>
                ) : null}
              </ul>
            </div>
          ) : null}
          <div className="insp-lists">
            <CallList
              calls={capture.calls}
              loose={loose}
              chosen={chosen}
              onChange={(next) => {
                setChosen(next);
                setCurrent(undefined);
              }}
            />
            <ElementList
              endpoints={capture.endpoints}
              names={names}
              kinds={kinds}
              onRename={(a, n) => setNames((old) => ({ ...old, [a]: n }))}
              onKind={(a, k) => setKinds((old) => ({ ...old, [a]: k }))}
            />
          </div>
          <section
            className="insp-view"
            aria-label="The chosen calls"
            aria-keyshortcuts="ArrowRight ArrowLeft"
            tabIndex={-1}
            onKeyDown={onKeyDown}
          >
            <div className="insp-toolbar" role="group" aria-label="Move through the messages">
              <button type="button" className="sim-button" onClick={back} disabled={at <= 0}>
                <span aria-hidden="true">◀ </span>Back
              </button>
              <button
                type="button"
                className="sim-button sim-button-primary"
                onClick={step}
                disabled={at >= rows.length - 1}
              >
                Step<span aria-hidden="true"> ▶</span>
              </button>
              <span className="insp-small insp-muted">
                {rows.length > 0 ? `message ${at + 1} of ${rows.length}` : 'no message drawn'}
              </span>
              <ExportLadder
                title={capture.name}
                ladder={() => conn.current!.host.ladder(chosenList(), names)}
                pcap={() => conn.current!.host.pcap(chosenList())}
              />
            </div>
            <div className="insp-grid">
              <CaptureLadder
                rows={rows}
                lanes={lanes}
                names={names}
                kindOf={kindOf}
                findings={findingsByMessage}
                position={at}
                onSelect={moveTo}
              />
              <CaptureInspector
                row={row}
                detail={detail}
                findings={row ? (findingsByMessage.get(row.index) ?? []) : []}
                names={names}
                position={at}
                count={rows.length}
                onShowMessage={(i) => {
                  if (drawnPosition.has(i)) setCurrent(i);
                }}
              />
            </div>
          </section>
          <FindingsList
            findings={findings}
            rows={capture.messages}
            drawn={(i) => drawnPosition.has(i)}
            onShow={(i) => setCurrent(i)}
          />
        </>
      ) : null}
    </div>
  );
}
