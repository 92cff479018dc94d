/**
 * Registration by a user agent (RFC 3261 §10.2): the UA's one registration runs the registration
 * machine (registration-machine.ts) — REGISTER with the same Call-ID and a growing CSeq, digest
 * credentials after a 401/407 (§22), a longer expiry after 423, the granted time read from the 200
 * (§10.2.4), a refresh before the binding expires, and removal (Expires: 0, Contact: *) — and this host
 * hands it the user's actions and the REGISTER's answers.
 */
import type { SipResponse } from '../../codec';
import {
  MachineRunner,
  type ClientTransaction,
  type MachineInstance,
  type MachineTimers,
} from '../../transaction';
import type { ActivityState } from '../element-types';
import type { RegistrationEvent } from './registration-actions';
import { REGISTRATION_ACTIVITY, registrationMachine } from './registration-machine';
import type { UaCore } from './ua-core';
import { activityWord, runUaMachine } from './ua-machine';

/** What a registration keeps; its state is that of its machine. */
export class Registration {
  cseq: number;
  expires = 0;
  /** The time granted by the last 2xx (s) and when the binding runs out (virtual ms). */
  granted = 0;
  registeredUntil = 0;
  authAttempts = 0;
  /** The From tag of the REGISTER in progress: a retry after 401/407/423 keeps it (§8.1.3.5). */
  fromTag = '';
  /** Remove every binding of the AOR (Contact: *, §10.2.2). */
  all = false;
  /** A REGISTER is out with no final response yet: the next waits for it (§10.2). */
  inFlight = false;
  /** What the user asked for while one was in flight, sent when it is answered. */
  next: { expires: number; all: boolean } | undefined;
  /** How the last final response was judged (registration-actions.ts judgeResponse). */
  outcome: 'challenged' | 'longer' | 'refused' | 'removed' | 'bound' = 'bound';
  result = '';
  private readonly machine: MachineRunner<RegistrationEvent>;

  constructor(
    ua: UaCore,
    readonly callId: string,
  ) {
    this.cseq = (ua.config.firstCSeq ?? 1) - 1;
    this.machine = runUaMachine<RegistrationEvent>(
      ua,
      registrationMachine,
      (timers: MachineTimers) => ({ ua, reg: this, timers }),
    );
  }

  /** unregistered, registering, registered or failed (the activity's words). */
  get state(): (typeof REGISTRATION_ACTIVITY)[keyof typeof REGISTRATION_ACTIVITY] {
    return activityWord(REGISTRATION_ACTIVITY, this.machine);
  }

  send(event: RegistrationEvent): void {
    this.machine.send(event);
  }

  view(aor: string): MachineInstance {
    return this.machine.view('registration', registrationMachine.id, `registration of ${aor}`);
  }
}

/** The UA's registration with its registrar (one AOR, one binding of this UA's contact). */
export class Registerer {
  private registration: Registration | undefined;

  constructor(private readonly ua: UaCore) {}

  /** Registers for `expires` seconds, or removes this binding (or all of them) with 0. */
  register(expires: number, all = false): string {
    const reg = (this.registration ??= new Registration(this.ua, this.ua.newCallId()));
    // §10.2: "UAs MUST NOT send a new registration (that is, containing new Contact header field
    // values, as opposed to a retransmission) until they have received a final response from the
    // registrar for the previous one or the previous REGISTER request has timed out."
    const held = reg.inFlight;
    reg.send({ type: 'register', expires, all });
    if (held)
      return `${this.ua.name} will ${expires === 0 ? 'unregister' : 'register again'} once its REGISTER in progress is answered (RFC 3261 §10.2)`;
    return expires === 0
      ? `${this.ua.name} removes ${all ? 'all its bindings' : 'its binding'}`
      : `${this.ua.name} registers for ${expires} s`;
  }

  /** The REGISTER in progress is over (final response or timeout): a waiting registration goes now. */
  private settled(reg: Registration): void {
    const next = reg.next;
    if (reg.inFlight || next === undefined) return;
    reg.next = undefined;
    this.register(next.expires, next.all);
  }

  onResponse(tx: ClientTransaction, res: SipResponse): void {
    const reg = this.registration;
    if (!reg || res.status < 200) return;
    reg.send({ type: 'response', response: res, tx });
    this.settled(reg);
  }

  /** Timer F fired on a REGISTER: the registrar never answered. */
  onTimeout(): void {
    const reg = this.registration;
    if (!reg) return;
    reg.send({ type: 'timeout' });
    this.settled(reg);
  }

  /** The registration's machine, once the user has registered. */
  machines(): MachineInstance[] {
    return this.registration ? [this.registration.view(this.ua.config.aor)] : [];
  }

  activity(): ActivityState | undefined {
    const reg = this.registration;
    if (!reg) return undefined;
    return reg.state === 'registered'
      ? {
          kind: 'registration',
          state: reg.state,
          summary: 'registered',
          until: reg.registeredUntil,
        }
      : { kind: 'registration', state: reg.state, summary: reg.result || reg.state };
  }
}
