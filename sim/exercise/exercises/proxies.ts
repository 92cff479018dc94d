/**
 * Exercises where the student is a proxy (RFC 3261 §16): forwarding an INVITE statelessly, forwarding
 * it statefully with Record-Route to the contact the location service gives, and passing a response
 * back upstream.
 */
import type { ExerciseDefinition } from '../definition';
import type { World } from '../world';
import { aor, callScenario, hostPort, proxyHost } from './network';

const where = (w: World): string => `${proxyHost(w)}, ${hostPort(w.calleeProxy, w.proxyPort)}`;

export const statelessInvite: ExerciseDefinition = {
  id: 'stateless-invite',
  title: 'Forward an INVITE, statelessly',
  group: 'proxy',
  summary:
    'A stateless proxy forwards a request: Request-URI from the location service, Via, Max-Forwards.',
  lesson: 'proxy-servers',
  sections: ['16.11', '16.6', '16.5'],
  prefill: 'received',
  build: (w) => ({
    scenario: callScenario(w, 'exercise-stateless-invite', { proxyKind: 'stateless-proxy' }),
    target: { element: 'proxy', method: 'INVITE', nth: 1 },
    prompt: `You are the stateless proxy of ${w.callee.domain} (${where(w)}). Forward this INVITE to ${w.callee.display}'s registered contact.`,
    facts: [
      { label: 'Domain served', value: w.callee.domain },
      { label: 'Record-Route', value: 'no: this proxy does not stay on the path' },
      { label: 'Location service', value: `the bindings of ${aor(w.callee)} below` },
    ],
  }),
};

export const statefulInvite: ExerciseDefinition = {
  id: 'stateful-invite',
  title: 'Forward an INVITE with Record-Route',
  group: 'proxy',
  summary:
    'A stateful proxy forwards to the registered contact and record-routes to stay on the path.',
  lesson: 'record-routing',
  sections: ['16.6', '16.5', '16.6 step 4'],
  prefill: 'received',
  build: (w) => ({
    scenario: callScenario(w, 'exercise-stateful-invite', { recordRoute: true }),
    target: { element: 'proxy', method: 'INVITE', nth: 1 },
    prompt: `You are ${proxyHost(w)} (${hostPort(w.calleeProxy, w.proxyPort)}), a stateful proxy that record-routes. Forward this INVITE to ${w.callee.display}'s registered contact and stay on the path of the dialog.`,
    facts: [
      { label: 'Domain served', value: w.callee.domain },
      { label: 'Record-Route', value: 'yes: this proxy stays on the path (with lr)' },
      { label: 'Location service', value: `the bindings of ${aor(w.callee)} below` },
    ],
  }),
};

export const proxyResponse: ExerciseDefinition = {
  id: 'proxy-response',
  title: 'Pass a response back',
  group: 'proxy',
  summary: 'A proxy forwards a response upstream: its own Via comes off, the rest is passed on.',
  lesson: 'proxy-servers',
  sections: ['16.7', '18.2.2'],
  prefill: 'received',
  build: (w) => ({
    scenario: callScenario(w, 'exercise-proxy-response'),
    target: { element: 'proxy', status: 180, nth: 1 },
    prompt: `You are ${proxyHost(w)} (${hostPort(w.calleeProxy, w.proxyPort)}), a stateful proxy. ${w.callee.display}'s phone answered the INVITE you forwarded with 180 Ringing: pass it back towards the caller.`,
    facts: [{ label: 'Domain served', value: w.callee.domain }],
  }),
};
