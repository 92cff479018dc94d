/**
 * Registrar (RFC 3261 §10.3): accepts REGISTER for its domain, optionally after digest authentication
 * (§22), and keeps the bindings of each address of record in its location service, with expiry, several
 * contacts per AOR, q-values, and "*" to remove them all.
 */
import { findParam, formatNameAddr, isSipUri, isStar, type SipRequest } from '../codec';
import type { ServerTransaction } from '../transaction';
import { BaseElement, type ElementContext } from './base-element';
import type { RegistrarConfig } from './config';
import { DigestServer } from './digest-auth';
import type { ElementState } from './element-types';
import { LocationService, canonicalAor } from './location-service';

const DEFAULT_EXPIRES = 3600;

export class Registrar extends BaseElement {
  readonly kind = 'registrar' as const;
  readonly location = new LocationService();
  private readonly digest: DigestServer | undefined;
  private expiryTimer: number | undefined;
  private expiryAt = Infinity;

  constructor(
    override readonly config: RegistrarConfig,
    ctx: ElementContext,
  ) {
    super(config, ctx);
    if (config.authenticate) {
      this.digest = new DigestServer(config.realm ?? config.domain, config.users ?? [], () =>
        this.network.rng.token(24),
      );
    }
    for (const b of config.bindings ?? []) {
      this.location.put({
        aor: canonicalAor(b.aor),
        contact: b.contact,
        expiresAt: (b.expires ?? DEFAULT_EXPIRES) * 1000,
        q: b.q ?? 1,
        callId: 'preset',
        cseq: 0,
      });
    }
    if ((config.bindings ?? []).length > 0) this.scheduleExpiry();
  }

  private get minExpires(): number {
    return this.config.minExpires ?? 60;
  }
  private get maxExpires(): number {
    return this.config.maxExpires ?? 7200;
  }

  protected override onRequest(tx: ServerTransaction, req: SipRequest): void {
    if (req.method === 'OPTIONS') {
      this.respond(tx, 200, { headers: [['Allow', 'REGISTER, OPTIONS']] });
      return;
    }
    if (req.method !== 'REGISTER') {
      this.respond(tx, 405, { headers: [['Allow', 'REGISTER, OPTIONS']] });
      return;
    }
    this.register(tx, req);
  }

  /** §10.3, steps 1–8. */
  private register(tx: ServerTransaction, req: SipRequest): void {
    // 1. The Request-URI names a domain this registrar is responsible for.
    const ruri = req.uri();
    if (!isSipUri(ruri) || ruri.host.toLowerCase() !== this.config.domain.toLowerCase()) {
      this.note(`${this.name} is not the registrar of ${isSipUri(ruri) ? ruri.host : 'that URI'}`);
      this.respond(tx, 404, { reason: 'Not Found (not a domain of this registrar)' });
      return;
    }
    // 3. Authentication.
    if (this.digest) {
      const check = this.digest.verify(req, 'www');
      if (!check.ok) {
        this.note(`${this.name} challenges the REGISTER: ${check.why}`);
        this.respond(tx, 401, { headers: [['WWW-Authenticate', this.digest.challenge()]] });
        return;
      }
      // 4. The authenticated user may change this AOR's bindings (here: only their own).
      const to = req.to()!;
      if (isSipUri(to.uri) && to.uri.user !== check.username) {
        this.respond(tx, 403, {
          reason: `Forbidden (${check.username} may not register ${to.uri.user})`,
        });
        return;
      }
    }
    // 5. The To header holds the AOR.
    const to = req.to()!;
    if (!isSipUri(to.uri) || to.uri.host.toLowerCase() !== this.config.domain.toLowerCase()) {
      this.respond(tx, 404, { reason: 'Not Found (address of record outside this domain)' });
      return;
    }
    const aor = canonicalAor(to.uri);
    const callId = req.callId()!;
    const cseq = req.cseq()!.seq;
    const contacts = req.contacts();
    const now = this.network.queue.now();
    const headerExpires = req.expires();
    // 6. "*" removes every binding, and is only allowed with Expires: 0 and alone.
    if (contacts.some(isStar)) {
      if (contacts.length > 1 || headerExpires !== 0) {
        this.respond(tx, 400, {
          reason: 'Contact "*" needs Expires: 0 and no other Contact (RFC 3261 §10.3 step 6)',
        });
        return;
      }
      const n = this.location.removeAll(aor);
      this.note(`${this.name} removes all ${n} binding(s) of ${aor}`);
      this.answer200(tx, aor);
      return;
    }
    // 7. Each contact: expiry from its parameter, else Expires, else the default; refuse too brief ones.
    for (const c of contacts) {
      if (isStar(c)) continue;
      const p = findParam(c.params, 'expires');
      let expires = p?.value != null ? Number(p.value) : (headerExpires ?? DEFAULT_EXPIRES);
      if (!Number.isFinite(expires) || expires > 2 ** 32 - 1) expires = DEFAULT_EXPIRES;
      if (expires > 0 && expires < this.minExpires) {
        this.respond(tx, 423, { headers: [['Min-Expires', String(this.minExpires)]] });
        return;
      }
    }
    for (const c of contacts) {
      if (isStar(c)) continue;
      const contact = formatNameAddr({ displayName: null, uri: c.uri, params: [] }).slice(1, -1);
      const p = findParam(c.params, 'expires');
      let expires = p?.value != null ? Number(p.value) : (headerExpires ?? DEFAULT_EXPIRES);
      if (!Number.isFinite(expires) || expires > 2 ** 32 - 1) expires = DEFAULT_EXPIRES;
      expires = Math.min(expires, this.maxExpires);
      const q = Number(findParam(c.params, 'q')?.value ?? '1');
      const existing = this.location.find(aor, contact);
      if (existing && existing.callId === callId && cseq <= existing.cseq) {
        this.respond(tx, 500, {
          reason: "Out of order REGISTER (CSeq not above the binding's, RFC 3261 §10.3 step 7)",
        });
        return;
      }
      if (expires === 0) {
        if (this.location.remove(aor, contact))
          this.note(`${this.name} removes the binding ${aor} → ${contact}`);
      } else {
        this.location.put({
          aor,
          contact,
          expiresAt: now + expires * 1000,
          q: Number.isFinite(q) ? q : 1,
          callId,
          cseq,
        });
        this.note(`${this.name} binds ${aor} → ${contact} for ${expires} s`);
      }
    }
    this.scheduleExpiry();
    // 8. 200 OK with every current binding.
    this.answer200(tx, aor);
  }

  private answer200(tx: ServerTransaction, aor: string): void {
    const now = this.network.queue.now();
    const headers: [string, string][] = this.location
      .lookup(aor, now)
      .map((b) => [
        'Contact',
        `<${b.contact}>;expires=${Math.ceil((b.expiresAt - now) / 1000)}${b.q !== 1 ? `;q=${b.q}` : ''}`,
      ]);
    this.respond(tx, 200, { headers });
  }

  /** One timer for the next binding to expire; when it fires the binding is removed (§10.2.1.1). */
  private scheduleExpiry(): void {
    const q = this.network.queue;
    const now = q.now();
    const nextAt = this.location.nextExpiry(now);
    // Keep the timer when it already fires first (adding bindings must not cost a scan each time).
    if (this.expiryTimer !== undefined && this.expiryAt <= nextAt) return;
    if (this.expiryTimer !== undefined) q.clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    if (!Number.isFinite(nextAt)) return;
    this.expiryAt = nextAt;
    this.expiryTimer = q.setTimeout(() => {
      this.expiryTimer = undefined;
      for (const b of this.location.expire(q.now())) {
        this.network.record({
          type: 'state',
          element: this.name,
          detail: `The binding ${b.aor} → ${b.contact} expired and is removed`,
        });
      }
      this.scheduleExpiry();
    }, nextAt - now);
  }

  protected override settings(): Record<string, string | number | boolean> {
    return { domain: this.config.domain, authenticate: this.config.authenticate === true };
  }

  override state(): ElementState {
    return { ...super.state(), bindings: this.location.state(this.network.queue.now()) };
  }
}
