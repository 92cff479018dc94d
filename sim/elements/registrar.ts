/**
 * Registrar (RFC 3261 §10.3): accepts REGISTER for its domain, optionally after digest authentication
 * (§22), and keeps the bindings of each address of record in its location service, with expiry, several
 * contacts per AOR, q-values, and "*" to remove them all. Each binding's life is a machine
 * (binding-machine.ts): what a REGISTER does to a binding is what its machine says.
 */
import { findParam, formatNameAddr, isSipUri, isStar, type SipRequest } from '../codec';
import {
  EndedMachines,
  MachineRunner,
  type MachineInstance,
  type ServerTransaction,
} from '../transaction';
import { BaseElement, type ElementContext } from './base-element';
import {
  bindingMachine,
  type BindingMachineEvent,
  type BindingMachineHost,
  type BindingUpdate,
} from './binding-machine';
import type { RegistrarConfig } from './config';
import { DigestServer } from './digest-auth';
import type { ElementState } from './element-types';
import { LocationService, canonicalAor } from './location-service';

const DEFAULT_EXPIRES = 3600;

/** A binding's machine, and when it was last bound (for the expiry its drawing shows). */
interface BindingLife {
  aor: string;
  contact: string;
  machine: MachineRunner<BindingMachineEvent>;
  boundAt: number;
}

const lifeKey = (aor: string, contact: string): string => `${aor}\n${contact}`;

export class Registrar extends BaseElement {
  readonly kind = 'registrar' as const;
  readonly location = new LocationService();
  private readonly digest: DigestServer | undefined;
  private expiryTimer: number | undefined;
  private expiryAt = Infinity;
  /** The machine of each binding, by AOR and contact. */
  private readonly lives = new Map<string, BindingLife>();
  /** The last few bindings that ended, for their drawings (only while a trace is kept). */
  private readonly endedBindings = new EndedMachines();
  /** Set when a binding's machine refused the REGISTER being handled (out of order, §10.3 step 7). */
  private refused: ServerTransaction | undefined;
  private handling: ServerTransaction | undefined;
  /** What the bindings' machines ask of the registrar (one object for all of them). */
  private readonly host: BindingMachineHost = {
    find: (aor, contact) => this.location.find(aor, contact),
    bind: (aor, contact, update) => this.bind(aor, contact, update),
    unbind: (aor, contact, all) => {
      // Removing them all is noted once, for the AOR.
      if (this.location.remove(aor, contact) && !all)
        this.note(`${this.name} removes the binding ${aor} → ${contact}`);
    },
    outOfOrder: () => {
      const tx = this.handling;
      if (!tx) return;
      this.refused = tx;
      this.respond(tx, 500, {
        reason: "Out of order REGISTER (CSeq not above the binding's, RFC 3261 §10.3 step 7)",
      });
    },
  };

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
      const aor = canonicalAor(b.aor);
      this.location.put({
        aor,
        contact: b.contact,
        expiresAt: (b.expires ?? DEFAULT_EXPIRES) * 1000,
        q: b.q ?? 1,
        callId: 'preset',
        cseq: 0,
      });
      this.startLife(aor, b.contact, undefined);
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
    const headerExpires = req.expires();
    // 6. "*" removes every binding, and is only allowed with Expires: 0 and alone.
    if (contacts.some(isStar)) {
      if (contacts.length > 1 || headerExpires !== 0) {
        this.respond(tx, 400, {
          reason: 'Contact "*" needs Expires: 0 and no other Contact (RFC 3261 §10.3 step 6)',
        });
        return;
      }
      // Each binding's machine removes its binding.
      const all = this.location.lookup(aor, -Infinity, 'registration');
      for (const b of all)
        this.lives.get(lifeKey(aor, b.contact))?.machine.send({ type: 'remove-all' });
      this.note(`${this.name} removes all ${all.length} binding(s) of ${aor}`);
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
      const update: BindingUpdate = { callId, cseq, expires, q: Number.isFinite(q) ? q : 1 };
      const life = this.lives.get(lifeKey(aor, contact));
      if (life) {
        this.handling = tx;
        life.machine.send({ type: 'REGISTER', update });
        this.handling = undefined;
        if (this.refused === tx) {
          this.refused = undefined;
          return;
        }
      } else if (expires > 0) this.startLife(aor, contact, update);
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
        this.lives.get(lifeKey(b.aor, b.contact))?.machine.send({ type: 'expired' });
      }
      this.scheduleExpiry();
    }, nextAt - now);
  }

  /** A binding's machine: it adds the binding of a new Contact (`added`), or one configured (none). */
  private startLife(aor: string, contact: string, added: BindingUpdate | undefined): void {
    const key = lifeKey(aor, contact);
    const machine = new MachineRunner<BindingMachineEvent>(
      bindingMachine,
      this.machineEnv.clock,
      { host: this.host, aor, contact, ...(added ? { added } : {}) },
      () => this.endLife(key),
      this.machineTrace ? { trace: this.machineTrace } : {},
    );
    this.lives.set(key, { aor, contact, machine, boundAt: this.network.queue.now() });
  }

  private endLife(key: string): void {
    const life = this.lives.get(key);
    if (!life) return;
    this.lives.delete(key);
    if (this.machineTrace) this.endedBindings.add(this.bindingView(life));
  }

  /** §10.3 step 7: the binding as its machine decided, written into the location service. */
  private bind(aor: string, contact: string, update: BindingUpdate): void {
    const now = this.network.queue.now();
    this.location.put({
      aor,
      contact,
      expiresAt: now + update.expires * 1000,
      q: update.q,
      callId: update.callId,
      cseq: update.cseq,
    });
    const life = this.lives.get(lifeKey(aor, contact));
    if (life) life.boundAt = now;
    this.note(`${this.name} binds ${aor} → ${contact} for ${update.expires} s`);
  }

  /** A binding's machine as its drawing shows it, with its expiry as the timer that runs. */
  private bindingView(life: BindingLife): MachineInstance {
    const view = life.machine.view(
      `binding ${life.aor} ${life.contact}`,
      bindingMachine.id,
      `Binding ${life.aor} → ${life.contact}`,
    );
    const b = view.done ? undefined : this.location.find(life.aor, life.contact);
    // The registrar runs one timer for the earliest expiry of all its bindings (scheduleExpiry); each
    // binding's own expiry is shown on its machine.
    if (b)
      view.timers = [
        { name: 'expires', startedAt: life.boundAt, durationMs: b.expiresAt - life.boundAt },
      ];
    return view;
  }

  protected override machines(): MachineInstance[] {
    return [
      ...this.endedBindings.list(),
      ...[...this.lives.values()].map((l) => this.bindingView(l)),
    ];
  }

  protected override settings(): Record<string, string | number | boolean> {
    return { domain: this.config.domain, authenticate: this.config.authenticate === true };
  }

  override state(): ElementState {
    return { ...super.state(), bindings: this.location.state(this.network.queue.now()) };
  }
}
