/**
 * Exercises where the student is a server that answers: a registrar's 200 OK listing the bindings
 * (RFC 3261 §10.3), a redirect server's 302 (§8.3, §21.3.3), and a presence server's first NOTIFY
 * (RFC 6665 §4.2.1.2, RFC 3856).
 */
import type { ScenarioInput } from '../../scenario';
import type { ExerciseDefinition } from '../definition';
import { aor, caller, callee, calleeRegistrar, hostPort, srv } from './network';

export const registrarOk: ExerciseDefinition = {
  id: 'registrar-ok',
  title: "A registrar's 200 OK",
  group: 'registrar',
  summary: 'Accept a REGISTER and list every binding of the address of record with its expiry.',
  lesson: 'registrar',
  sections: ['10.3', '20.10'],
  prefill: 'received',
  build: (w) => {
    const registrarHost = `registrar.${w.caller.domain}`;
    const other = `sip:${w.caller.user}@${hostPort(w.callerOtherDevice.address, w.callerOtherDevice.port)}`;
    const scenario: ScenarioInput = {
      name: 'exercise-registrar-ok',
      title: `${w.caller.display} registers a second phone`,
      seed: w.scenarioSeed,
      elements: [
        caller(w, { registrar: `sip:${w.caller.domain}`, registerExpires: w.registerExpires }),
        {
          kind: 'registrar',
          name: 'registrar',
          label: `Registrar of ${w.caller.domain}`,
          address: w.callerRegistrar,
          host: registrarHost,
          domain: w.caller.domain,
          bindings: [{ aor: aor(w.caller), contact: other, expires: w.callerOtherDevice.expires }],
        },
      ],
      links: [{ a: w.caller.user, b: 'registrar', latencyMs: 20, loss: 0 }],
      dns: srv(w.caller.domain, registrarHost),
      timeline: [{ at: 0, actor: w.caller.user, action: 'register' }],
      endAt: 10000,
    };
    return {
      scenario,
      target: { element: 'registrar', status: 200, nth: 1 },
      prompt: `You are the registrar of ${w.caller.domain} (${registrarHost}). Accept this REGISTER and tell the phone every binding ${aor(w.caller)} now has, each with the seconds it has left.`,
      facts: [
        { label: 'Domain', value: w.caller.domain },
        { label: 'Longest registration granted', value: '7200 s' },
      ],
    };
  },
};

export const redirect302: ExerciseDefinition = {
  id: 'redirect-302',
  title: "A redirect server's 302",
  group: 'redirect server',
  summary: 'Answer an INVITE with 302 Moved Temporarily and the contacts of the location service.',
  lesson: 'redirect-server',
  sections: ['8.3', '21.3.3', '20.10'],
  prefill: 'received',
  build: (w) => {
    const host = `redirect.${w.callee.domain}`;
    const scenario: ScenarioInput = {
      name: 'exercise-redirect-302',
      title: `${w.caller.display} calls ${w.callee.display} through a redirect server`,
      seed: w.scenarioSeed,
      elements: [
        caller(w),
        {
          kind: 'redirect-server',
          name: 'redirect',
          label: `Redirect server of ${w.callee.domain}`,
          address: w.calleeServer,
          host,
          domain: w.callee.domain,
          registrar: 'registrar',
        },
        calleeRegistrar(w),
        callee(w),
      ],
      links: [
        { a: w.caller.user, b: 'redirect', latencyMs: 20, loss: 0 },
        { a: w.caller.user, b: w.callee.user, latencyMs: 30, loss: 0 },
        { a: 'redirect', b: 'registrar', latencyMs: 2, loss: 0 },
      ],
      dns: srv(w.callee.domain, host),
      timeline: [{ at: 0, actor: w.caller.user, action: 'invite', to: aor(w.callee) }],
      endAt: 30000,
    };
    return {
      scenario,
      target: { element: 'redirect', status: 302, nth: 1 },
      prompt: `You are the redirect server of ${w.callee.domain} (${host}). Do not forward this INVITE: tell the caller where ${w.callee.display} can be reached now, with 302 Moved Temporarily.`,
      facts: [
        { label: 'Domain', value: w.callee.domain },
        { label: 'Location service', value: `the bindings of ${aor(w.callee)} below` },
      ],
    };
  },
};

export const notify: ExerciseDefinition = {
  id: 'notify',
  title: 'The first NOTIFY of a subscription',
  group: 'presence server',
  summary:
    'A NOTIFY inside the dialog a SUBSCRIBE created, with Event, Subscription-State and PIDF.',
  lesson: 'subscription-notification',
  sections: ['RFC 6665 §4.2.1.2', 'RFC 6665 §8.2.3', '12.2.1.1'],
  prefill: 'empty',
  build: (w) => {
    const host = `presence.${w.callee.domain}`;
    const status = w.scenarioSeed % 2 === 0 ? 'open' : 'closed';
    const scenario: ScenarioInput = {
      name: 'exercise-notify',
      title: `${w.caller.display} subscribes to ${w.callee.display}'s presence`,
      seed: w.scenarioSeed,
      elements: [
        caller(w, { subscribeExpires: w.subscribeExpires }),
        {
          kind: 'presence-server',
          name: 'presence',
          label: `Presence server of ${w.callee.domain}`,
          address: w.calleeServer,
          host,
          domain: w.callee.domain,
          initial: { [aor(w.callee)]: status },
        },
      ],
      links: [{ a: w.caller.user, b: 'presence', latencyMs: 20, loss: 0 }],
      dns: srv(w.callee.domain, host),
      timeline: [
        {
          at: 0,
          actor: w.caller.user,
          action: 'subscribe',
          to: aor(w.callee),
          event: 'presence',
          expires: w.subscribeExpires,
        },
      ],
      endAt: 10000,
    };
    return {
      scenario,
      target: { element: 'presence', method: 'NOTIFY', nth: 1 },
      prompt: `You are the presence server of ${w.callee.domain} (${host}). You have just accepted ${w.caller.display}'s subscription to ${w.callee.display}'s presence with 200 OK: send the first NOTIFY, saying that ${w.callee.display} is ${status === 'open' ? 'available (open)' : 'not available (closed)'}.`,
      facts: [
        { label: 'Presentity', value: aor(w.callee) },
        { label: `${w.callee.display}'s state`, value: status },
        { label: 'Body', value: 'a PIDF document (application/pidf+xml, RFC 3863)' },
      ],
    };
  },
};
