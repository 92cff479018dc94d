/**
 * Dialogs as the wire shows them (RFC 3261 §12; RFC 6665 §4.4.1 for subscriptions): Call-ID plus the
 * two tags, made by a 2xx or a tagged 101–199 to an INVITE, by a 2xx to SUBSCRIBE or REFER, or by the
 * NOTIFY of a subscription. Each side's state — route set, remote target, local sequence number — is
 * replayed in time order from what that side sent and received, so every in-dialog request can be
 * held against the state its sender had when it sent it (§12.2.1.1).
 */
import { isStar, type NameAddr, type Uri } from '../../codec';
import { original, type Msg } from './message';

export type Side = 'uac' | 'uas';

export interface DialogState {
  address: string;
  established: boolean;
  routeSet: NameAddr[];
  remoteTarget: Uri | undefined;
  localSeq: number | undefined;
}

export interface InDialogRequest {
  msg: Msg;
  side: Side;
  /** The sender's state when it sent the request (undefined when its side was not yet established). */
  routeSet: NameAddr[] | undefined;
  remoteTarget: Uri | undefined;
  previousLocalSeq: number | undefined;
}

export interface Dialog {
  key: string;
  callId: string;
  uacTag: string;
  uasTag: string;
  /** INVITE, SUBSCRIBE or REFER. */
  method: string;
  uac: string;
  uas: string;
  /** The request that made it, as its originator sent it. */
  request: Msg;
  /** Responses the UAS itself sent that made or confirmed it (1xx with the tag, 2xx), in time order. */
  responses: Msg[];
  /** In-dialog requests either side originated (first sends only), in time order. */
  requests: InDialogRequest[];
  sides: Record<Side, DialogState>;
}

export const DIALOG_METHODS = new Set(['INVITE', 'SUBSCRIBE', 'REFER']);
const TARGET_REFRESH = new Set(['INVITE', 'UPDATE', 'SUBSCRIBE', 'NOTIFY']);

/** The message where a forwarded one started (its originator's send). */
export function origin(m: Msg): Msg {
  let x = m;
  for (let i = 0; i < 64 && x.forwardOf; i++) x = x.forwardOf;
  return x;
}

function firstContact(m: Msg): Uri | undefined {
  for (const c of m.contacts) if (!isStar(c)) return c.uri;
  return undefined;
}

function creates(method: string, status: number): boolean {
  if (method === 'INVITE') return status > 100 && status < 300;
  return status >= 200 && status < 300;
}

interface Event {
  time: number;
  /** Arrivals before sends at the same instant. */
  rank: number;
  order: number;
  run: () => void;
}

export function buildDialogs(messages: readonly Msg[]): {
  dialogs: Dialog[];
  byMessage: Map<Msg, { dialog: Dialog; request: InDialogRequest | undefined }>;
} {
  const dialogs = new Map<string, Dialog>();
  const byMessage = new Map<Msg, { dialog: Dialog; request: InDialogRequest | undefined }>();
  const events: Event[] = [];
  const key = (callId: string, uacTag: string, uasTag: string) =>
    `${callId}\u0000${uacTag}\u0000${uasTag}`;

  const dialogFor = (
    creating: Msg,
    callId: string,
    uacTag: string,
    uasTag: string,
    uas: string,
  ): Dialog => {
    const k = key(callId, uacTag, uasTag);
    let d = dialogs.get(k);
    if (!d) {
      const uac = origin(creating).source;
      d = {
        key: k,
        callId,
        uacTag,
        uasTag,
        method: creating.method,
        uac,
        uas,
        request: origin(creating),
        responses: [],
        requests: [],
        sides: {
          uac: {
            address: uac,
            established: false,
            routeSet: [],
            remoteTarget: undefined,
            localSeq: undefined,
          },
          uas: {
            address: uas,
            established: false,
            routeSet: [],
            remoteTarget: undefined,
            localSeq: undefined,
          },
        },
      };
      dialogs.set(k, d);
    }
    return d;
  };

  // Dialog-creating responses: the UAS sends one, the UAC receives it.
  for (const r of messages) {
    if (r.response === undefined || r.tx === undefined || r.toTag === undefined) continue;
    const req = r.tx.delivered[0] ?? r.tx.requests[0]!;
    if (!DIALOG_METHODS.has(req.method) || req.toTag !== undefined) continue;
    if (!creates(req.method, r.status) || r.callId === undefined || r.fromTag === undefined)
      continue;
    const callId = r.callId;
    const uacTag = r.fromTag;
    const uasTag = r.toTag;
    if (r.forwardOf === undefined) {
      // The UAS's own response: its side of the dialog comes from the request as it received it.
      events.push({
        time: r.time,
        rank: 1,
        order: r.index,
        run: () => {
          const d = dialogFor(req, callId, uacTag, uasTag, r.source);
          d.responses.push(r);
          const s = d.sides.uas;
          if (!s.established) {
            s.established = true;
            s.routeSet = req.recordRoutes.slice();
            s.remoteTarget = firstContact(req);
          }
        },
      });
    }
    if (r.delivered) {
      events.push({
        time: r.arrival,
        rank: 0,
        order: r.index,
        run: () => {
          const d = dialogs.get(key(callId, uacTag, uasTag));
          if (!d || r.destination !== d.uac) return;
          const s = d.sides.uac;
          if (!s.established) {
            s.established = true;
            s.routeSet = r.recordRoutes.slice().reverse();
            s.remoteTarget = firstContact(r);
            s.localSeq = d.request.cseq?.seq;
          } else if (d.method === 'INVITE' && r.status >= 200) {
            // §13.2.2.4: the 2xx recomputes the route set of an early dialog (and only it).
            s.routeSet = r.recordRoutes.slice().reverse();
          }
        },
      });
    }
  }

  // In-dialog requests, the NOTIFYs that make subscription dialogs, and target refreshes.
  const subscribes = new Map<string, Msg>();
  for (const m of messages) {
    if (m.request && m.method === 'SUBSCRIBE' && m.toTag === undefined && !m.forwardOf && m.callId)
      subscribes.set(`${m.callId}\u0000${m.fromTag}`, m);
  }
  for (const m of messages) {
    if (m.request === undefined || m.callId === undefined) continue;
    if (m.fromTag === undefined || m.toTag === undefined) continue;
    const callId = m.callId;
    const fromTag = m.fromTag;
    const toTag = m.toTag;
    const originated = m.forwardOf === undefined && m.copyOf === undefined;
    if (m.method === 'NOTIFY' && originated) {
      const sub = subscribes.get(`${callId}\u0000${toTag}`);
      if (sub && sub.time <= m.time) {
        // The notifier's side is made from the SUBSCRIBE as it received it.
        events.push({
          time: m.time,
          rank: 1,
          order: m.index - 0.5,
          run: () => {
            const d = dialogFor(sub, callId, toTag, fromTag, m.source);
            const s = d.sides.uas;
            if (!s.established) {
              const received = lastDeliveredCopy(messages, sub, m.source, m.time);
              s.established = true;
              s.routeSet = (received ?? sub).recordRoutes.slice();
              s.remoteTarget = firstContact(received ?? sub);
            }
          },
        });
      }
    }
    if (m.delivered && TARGET_REFRESH.has(m.method)) {
      events.push({
        time: m.arrival,
        rank: 0,
        order: m.index,
        run: () => {
          const d =
            dialogs.get(key(callId, fromTag, toTag)) ?? dialogs.get(key(callId, toTag, fromTag));
          if (!d) return;
          const sender = senderSide(d, m.source, fromTag, toTag);
          const receiver: Side | undefined =
            d.uac === d.uas
              ? sender === undefined
                ? undefined
                : sender === 'uac'
                  ? 'uas'
                  : 'uac'
              : m.destination === d.uac
                ? 'uac'
                : m.destination === d.uas
                  ? 'uas'
                  : undefined;
          if (!receiver) return;
          const s = d.sides[receiver];
          const contact = firstContact(m);
          if (!s.established && m.method === 'NOTIFY' && receiver === 'uac') {
            // The subscriber's side, made by the NOTIFY it received (§12.1.1 as the NOTIFY's UAS).
            s.established = true;
            s.routeSet = m.recordRoutes.slice();
            s.remoteTarget = contact;
            s.localSeq = d.request.cseq?.seq;
            return;
          }
          if (s.established && contact) s.remoteTarget = contact;
        },
      });
    }
    if (!originated) continue;
    events.push({
      time: m.time,
      rank: 2,
      order: m.index,
      run: () => {
        let d = dialogs.get(key(callId, fromTag, toTag));
        let side: Side = 'uac';
        const other = dialogs.get(key(callId, toTag, fromTag));
        if (!d || (other && m.source === other.uas && m.source !== d.uac)) {
          d = other;
          side = 'uas';
        }
        if (!d) return;
        side = senderSide(d, m.source, fromTag, toTag) ?? side;
        const s = d.sides[side];
        const entry: InDialogRequest = {
          msg: m,
          side,
          routeSet: s.established ? s.routeSet.slice() : undefined,
          remoteTarget: s.established ? s.remoteTarget : undefined,
          previousLocalSeq: s.localSeq,
        };
        d.requests.push(entry);
        byMessage.set(m, { dialog: d, request: entry });
        if (m.method !== 'ACK' && m.method !== 'CANCEL' && m.cseq) s.localSeq = m.cseq.seq;
      },
    });
  }
  // 2xx answers to target refreshes update the requester's remote target (§12.2.1.2).
  for (const r of messages) {
    if (!r.response || !r.delivered || r.status < 200 || r.status >= 300) continue;
    if (!TARGET_REFRESH.has(r.method) || r.toTag === undefined || r.fromTag === undefined) continue;
    const req = r.tx?.requests[0];
    if (!req || req.toTag === undefined || r.callId === undefined) continue;
    const callId = r.callId;
    const fromTag = r.fromTag;
    const toTag = r.toTag;
    events.push({
      time: r.arrival,
      rank: 0,
      order: r.index,
      run: () => {
        const d =
          dialogs.get(key(callId, fromTag, toTag)) ?? dialogs.get(key(callId, toTag, fromTag));
        if (!d) return;
        const side: Side | undefined =
          d.uac === d.uas
            ? senderSide(d, r.destination, fromTag, toTag)
            : r.destination === d.uac
              ? 'uac'
              : r.destination === d.uas
                ? 'uas'
                : undefined;
        const contact = firstContact(r);
        if (side && contact && d.sides[side].established) d.sides[side].remoteTarget = contact;
      },
    });
  }
  events.sort((a, b) => a.time - b.time || a.rank - b.rank || a.order - b.order);
  for (const e of events) e.run();
  return { dialogs: [...dialogs.values()], byMessage };
}

/**
 * Which side of the dialog sent a request: by its address, or by its tags when both sides share an
 * address (a UA calling itself).
 */
function senderSide(d: Dialog, address: string, fromTag: string, toTag: string): Side | undefined {
  if (d.uac !== d.uas) {
    if (address === d.uac) return 'uac';
    if (address === d.uas) return 'uas';
  }
  if (fromTag === d.uacTag && toTag === d.uasTag) return 'uac';
  if (fromTag === d.uasTag && toTag === d.uacTag) return 'uas';
  return undefined;
}

/** The last copy of a request (or of a forward of it) that reached `address` by `time`. */
function lastDeliveredCopy(
  messages: readonly Msg[],
  request: Msg,
  address: string,
  time: number,
): Msg | undefined {
  let best: Msg | undefined;
  for (const m of messages) {
    if (m.time > time) break;
    if (!m.request || !m.delivered || m.destination !== address || m.arrival > time) continue;
    if (m.method !== request.method || m.callId !== request.callId) continue;
    if (m.fromTag !== request.fromTag || m.cseq?.seq !== request.cseq?.seq) continue;
    best = m;
  }
  return best ?? (original(request).destination === address ? request : undefined);
}
