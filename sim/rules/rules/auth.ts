/**
 * Authentication (RFC 3261 §22.2, §22.4; RFC 2617 §3.2.2): a request resubmitted with credentials
 * has a higher CSeq; its credentials echo the challenge (realm, nonce, opaque, algorithm, qop), name
 * the Request-URI in "uri", and — when the password is known — carry the right digest.
 */
import { digestResponse, formatUri, type AuthParams, type DigestAlgorithm } from '../../codec';
import type { Model, Msg } from '../model';
import { defineRule } from '../rule';
import { what } from '../support/describe';

interface Retry {
  request: Msg;
  previous: Msg;
  challenge: Msg;
}

/** Requests a UA originated that follow a 401/407 to its previous request with the same Call-ID and method. */
function retries(model: Model): Retry[] {
  const out: Retry[] = [];
  const last = new Map<string, Msg>();
  for (const m of model.messages) {
    if (!m.request || m.forwardOf || m.copyOf || m.method === 'ACK' || m.method === 'CANCEL')
      continue;
    const k = `${m.source}\u0000${m.callId}\u0000${m.method}`;
    const previous = last.get(k);
    last.set(k, m);
    if (!previous?.tx) continue;
    const challenge = previous.tx.responses.find(
      (r) =>
        (r.status === 401 || r.status === 407) &&
        r.delivered &&
        r.destination === m.source &&
        r.arrival <= m.time,
    );
    if (challenge && (m.authorization.length > 0 || m.proxyAuthorization.length > 0))
      out.push({ request: m, previous, challenge });
  }
  return out;
}

export const authResubmitCSeq = defineRule(
  {
    id: 'auth-resubmit-cseq',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§22.2',
    title: 'A request resubmitted with credentials after a 401 or 407 has a higher CSeq number.',
  },
  (model, emit) => {
    for (const { request, previous, challenge } of retries(model))
      if (request.cseq && previous.cseq && request.cseq.seq <= previous.cseq.seq)
        emit(
          request,
          `This ${request.method} resubmits the request challenged by the ${what(challenge)} but keeps CSeq ${request.cseq.seq}; a resubmitted request is a new transaction with a higher CSeq.`,
          [previous, challenge],
        );
  },
);

function digest(list: readonly AuthParams[]): AuthParams[] {
  return list.filter((a) => a.scheme.toLowerCase() === 'digest');
}

/** A Digest challenge a UA received, with when it arrived. */
interface Received {
  arrival: number;
  challenge: AuthParams;
}

/**
 * Where the challenges a UA received are, once per model: by UA, header (WWW- or Proxy-Authenticate),
 * realm and nonce, in message order, each list with the earliest arrival up to each entry — so the
 * first challenge that had arrived by a time is found by bisection, not by scanning every message
 * (which made the check quadratic on long captures).
 */
interface ChallengeIndex {
  lists: Map<string, Received[]>;
  /** earliest[k][i] = min arrival of lists[k][0..i] (non-increasing). */
  earliest: Map<string, number[]>;
}

const challengeIndexes = new WeakMap<Model, ChallengeIndex>();

function challengeKey(
  ua: string,
  header: 'www' | 'proxy',
  realm: string | undefined,
  nonce: string | undefined,
): string {
  return JSON.stringify([ua, header, realm ?? null, nonce ?? null]);
}

function challengeIndex(model: Model): ChallengeIndex {
  const known = challengeIndexes.get(model);
  if (known) return known;
  const lists = new Map<string, Received[]>();
  for (const x of model.messages) {
    if ((x.status !== 401 && x.status !== 407) || !x.delivered) continue;
    for (const [header, list] of [
      ['www', x.wwwAuthenticate],
      ['proxy', x.proxyAuthenticate],
    ] as const)
      for (const c of digest(list)) {
        const k = challengeKey(x.destination, header, c.params.get('realm'), c.params.get('nonce'));
        const entry = { arrival: x.arrival, challenge: c };
        const l = lists.get(k);
        if (l) l.push(entry);
        else lists.set(k, [entry]);
      }
  }
  const earliest = new Map<string, number[]>();
  for (const [k, l] of lists) {
    let min = Infinity;
    earliest.set(
      k,
      l.map((e) => (min = Math.min(min, e.arrival))),
    );
  }
  const index = { lists, earliest };
  challengeIndexes.set(model, index);
  return index;
}

/** The first challenge (in message order) with this key that had arrived by `time`. */
function firstArrivedBy(index: ChallengeIndex, key: string, time: number): AuthParams | undefined {
  const list = index.lists.get(key);
  const earliest = index.earliest.get(key);
  if (list === undefined || earliest === undefined) return undefined;
  let lo = 0;
  let hi = earliest.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (earliest[mid]! <= time) hi = mid;
    else lo = mid + 1;
  }
  return list[lo]?.challenge;
}

/**
 * Each credential paired with the challenge it answers: of the challenges of its realm the UA had
 * received, the one with the same nonce, else the one that made it resubmit.
 */
function pairs(model: Model, r: Retry): { cred: AuthParams; challenge: AuthParams }[] {
  const out: { cred: AuthParams; challenge: AuthParams }[] = [];
  const ua = r.request.source;
  const index = challengeIndex(model);
  const match = (creds: AuthParams[], header: 'www' | 'proxy', latest: AuthParams[]) => {
    for (const cred of digest(creds)) {
      const realm = cred.params.get('realm');
      const same = firstArrivedBy(
        index,
        challengeKey(ua, header, realm, cred.params.get('nonce')),
        r.request.time,
      );
      const challenge = same ?? digest(latest).find((c) => c.params.get('realm') === realm);
      if (challenge) out.push({ cred, challenge });
    }
  };
  match(r.request.authorization, 'www', r.challenge.wwwAuthenticate);
  match(r.request.proxyAuthorization, 'proxy', r.challenge.proxyAuthenticate);
  return out;
}

export const digestCredentialsEcho = defineRule(
  {
    id: 'digest-credentials-echo',
    level: 'SHOULD',
    rfc: 'RFC 2617',
    section: '§3.2.2',
    title:
      'Credentials answering a Digest challenge repeat its nonce, and its opaque and algorithm when given.',
  },
  (model, emit) => {
    for (const r of retries(model))
      for (const { cred, challenge } of pairs(model, r)) {
        const wrong: string[] = [];
        if (cred.params.get('nonce') !== challenge.params.get('nonce')) wrong.push('nonce');
        if (
          challenge.params.has('opaque') &&
          cred.params.get('opaque') !== challenge.params.get('opaque')
        )
          wrong.push('opaque');
        const alg = challenge.params.get('algorithm');
        if (
          alg !== undefined &&
          (cred.params.get('algorithm') ?? 'MD5').toLowerCase() !== alg.toLowerCase()
        )
          wrong.push('algorithm');
        if (wrong.length > 0)
          emit(
            r.request,
            `The credentials for realm "${cred.params.get('realm') ?? ''}" do not repeat the ${wrong.join(', ')} of the challenge in the ${what(r.challenge)}.`,
            [r.challenge],
          );
      }
  },
);

export const digestQop = defineRule(
  {
    id: 'digest-qop',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§22.4',
    title:
      'When the challenge offered qop, the credentials carry qop (one of the offered values) with cnonce and nc.',
  },
  (model, emit) => {
    for (const r of retries(model))
      for (const { cred, challenge } of pairs(model, r)) {
        const offered = challenge.params.get('qop');
        if (offered === undefined) continue;
        const qop = cred.params.get('qop');
        const options = offered.split(',').map((x) => x.trim().toLowerCase());
        if (qop === undefined)
          emit(
            r.request,
            `The challenge in the ${what(r.challenge)} offered qop="${offered}" but the credentials carry no qop; a client must send qop when the challenge has it.`,
            [r.challenge],
          );
        else if (!options.includes(qop.toLowerCase()))
          emit(
            r.request,
            `The credentials use qop=${qop}, which the challenge did not offer ("${offered}").`,
            [r.challenge],
          );
        else if (!cred.params.has('cnonce') || !cred.params.has('nc'))
          emit(
            r.request,
            'The credentials carry qop but not both cnonce and nc, which RFC 2617 requires with qop.',
            [r.challenge],
          );
      }
  },
);

/** Digest credentials of requests a UA built itself (ACK and CANCEL repeat their request's). */
function ownCredentials(model: Model): { m: Msg; cred: AuthParams }[] {
  const out: { m: Msg; cred: AuthParams }[] = [];
  for (const m of model.messages) {
    if (!m.request || m.forwardOf || m.copyOf || m.method === 'ACK' || m.method === 'CANCEL')
      continue;
    for (const cred of digest([...m.authorization, ...m.proxyAuthorization])) out.push({ m, cred });
  }
  return out;
}

export const digestUri = defineRule(
  {
    id: 'digest-uri',
    // RFC 2617 defines digest-uri as the Request-URI repeated; RFC 3261 §22.4 item 6 lets a SIP
    // server accept a different one (a proxy may have changed it), so this is no MUST for SIP.
    level: 'SHOULD',
    rfc: 'RFC 2617',
    section: '§3.2.2',
    title:
      'The "uri" of Digest credentials repeats the Request-URI of the request they are sent in.',
  },
  (model, emit) => {
    for (const { m, cred } of ownCredentials(model)) {
      const u = cred.params.get('uri');
      if (u === undefined || !m.request) continue;
      if (u !== m.request.requestUri && !(m.requestUri && u === formatUri(m.requestUri)))
        emit(
          m,
          `The credentials name uri="${u}" but this ${m.method} is addressed to ${m.request.requestUri}; RFC 2617 has the digest-uri repeat the Request-URI (RFC 3261 §22.4 lets a SIP server accept another).`,
        );
    }
  },
);

export const digestResponseRule = defineRule(
  {
    id: 'digest-response',
    level: 'MUST',
    rfc: 'RFC 2617',
    section: '§3.2.2.1',
    title:
      'The "response" of Digest credentials is the request-digest computed from the password, nonce, method and uri.',
  },
  (model, emit) => {
    const known = model.settings.credentials;
    if (known.length === 0) return;
    for (const { m, cred } of ownCredentials(model)) {
      const username = cred.params.get('username');
      const realm = cred.params.get('realm');
      const nonce = cred.params.get('nonce');
      const u = cred.params.get('uri');
      const response = cred.params.get('response');
      if (
        username === undefined ||
        realm === undefined ||
        nonce === undefined ||
        u === undefined ||
        response === undefined
      )
        continue;
      const user = known.find(
        (c) => c.username === username && (c.realm === undefined || c.realm === realm),
      );
      if (!user) continue;
      const alg = (cred.params.get('algorithm') ?? 'MD5').toUpperCase();
      if (alg !== 'MD5' && alg !== 'SHA-256') continue;
      const qop = cred.params.get('qop');
      if (qop !== undefined && qop.toLowerCase() !== 'auth') continue;
      const nc = cred.params.get('nc');
      const cnonce = cred.params.get('cnonce');
      if (qop !== undefined && (nc === undefined || cnonce === undefined)) continue;
      const expected = digestResponse({
        username,
        realm,
        password: user.password,
        method: m.method,
        uri: u,
        nonce,
        algorithm: alg as DigestAlgorithm,
        ...(qop !== undefined ? { qop: 'auth' as const, nc, cnonce } : {}),
      });
      if (expected !== response.toLowerCase())
        emit(
          m,
          `The digest response "${response}" for user "${username}" is wrong: with the known password it should be "${expected}".`,
        );
    }
  },
);
