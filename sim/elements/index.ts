/** The simulated SIP elements: user agent, registrar, proxies, redirect and presence servers. */
import type { ElementContext } from './base-element';
import type { ElementConfig } from './config';
import type { SimElement } from './element-types';
import { PresenceServer } from './presence-server';
import { RedirectServer } from './redirect-server';
import { Registrar } from './registrar';
import { StatefulProxy } from './stateful-proxy';
import { StatelessProxy } from './stateless-proxy';
import { UserAgent } from './user-agent';

export { BaseElement, type ElementContext } from './base-element';
export type {
  ElementConfig,
  ElementKind,
  UserAgentConfig,
  RegistrarConfig,
  ProxyConfig,
  RedirectServerConfig,
  PresenceServerConfig,
  AnswerPolicy,
  DigestUser,
} from './config';
export {
  ActionError,
  snapshotAt,
  type SimElement,
  type ElementSnapshot,
  type ElementState,
  type ActivityState,
  type TimerState,
  type TransactionStateView,
  type ElementAction,
  type ActivitySnapshot,
  type TransactionSnapshotView,
  type TimerSnapshot,
  type MachineSnapshot,
} from './element-types';
export {
  LocationService,
  canonicalAor,
  type Binding,
  type BindingSnapshot,
  type BindingState,
} from './location-service';
export { DigestServer, answerChallenge } from './digest-auth';
export { UserAgent } from './user-agent';
export { Registrar } from './registrar';
export { StatefulProxy } from './stateful-proxy';
export { StatelessProxy } from './stateless-proxy';
export { RedirectServer } from './redirect-server';
export { PresenceServer, pidf } from './presence-server';
export { machineGraphOf, machineIds } from './machine-catalogue';

/** Builds the element a configuration describes. */
export function createElement(config: ElementConfig, ctx: ElementContext): SimElement {
  switch (config.kind) {
    case 'user-agent':
      return new UserAgent(config, ctx);
    case 'registrar':
      return new Registrar(config, ctx);
    case 'stateful-proxy':
      return new StatefulProxy(config, ctx);
    case 'stateless-proxy':
      return new StatelessProxy(config, ctx);
    case 'redirect-server':
      return new RedirectServer(config, ctx);
    case 'presence-server':
      return new PresenceServer(config, ctx);
  }
}
