/**
 * What each kind of element can be told (the scenario's `elements[]` entries are these, validated by the
 * scenario layer's zod schema). Defaults are the RFC's where it has one.
 */

export type ElementKind =
  | 'user-agent'
  | 'registrar'
  | 'stateless-proxy'
  | 'stateful-proxy'
  | 'redirect-server'
  | 'presence-server';

export interface ElementConfigBase {
  name: string;
  /** IPv4 address of the element's host. */
  address: string;
  /** UDP port it listens on (5060). */
  port?: number;
  /** DNS name of the host (gets an A record). */
  host?: string;
  /** A short caption for the topology view ("Alice's phone"). */
  label?: string;
  /** Where to draw it in the topology view (the UI picks a layout when absent). */
  position?: { x: number; y: number };
}

/** How a user agent answers an INVITE. */
export interface AnswerPolicy {
  /** ring then answer (200), or refuse with busy (486), decline (603), or let it ring without answer. */
  mode: 'answer' | 'busy' | 'decline' | 'no-answer' | 'manual';
  /** Time from the INVITE to the final answer, in ms (ringing in between). Default 2000. */
  ringMs?: number;
  /** Send 180 Ringing first (default true). */
  ring?: boolean;
}

export interface UserAgentConfig extends ElementConfigBase {
  kind: 'user-agent';
  /** The address of record, e.g. "sip:alice@a.example.com". */
  aor: string;
  displayName?: string;
  /** Digest credentials (RFC 3261 §22): user name (default: the AOR's user) and password. */
  username?: string;
  password?: string;
  /** Registrar URI (default: the AOR's domain, e.g. "sip:a.example.com"). */
  registrar?: string;
  /** Outbound proxy URI: every request out of dialog goes through it (RFC 3261 §8.1.2). */
  outboundProxy?: string;
  /** Expires asked for in REGISTER (3600). */
  registerExpires?: number;
  answer?: AnswerPolicy;
  /** Follow 3xx redirections to the listed Contacts (default true, §8.1.3.4). */
  followRedirects?: boolean;
  /**
   * Seconds an invitation stands: INVITEs carry Expires with it, and the call is cancelled when it runs
   * out before a final response (RFC 3261 §13.2.1). Default: none (the call rings until answered,
   * refused or cancelled).
   */
  inviteExpires?: number;
  /** Subscription duration asked for in SUBSCRIBE (600). */
  subscribeExpires?: number;
  /** Refresh registrations and subscriptions before they expire (default true). */
  refresh?: boolean;
  /**
   * The CSeq number of the first request of each new Call-ID (§8.1.1.5: any value below 2^31).
   * Default 1.
   */
  firstCSeq?: number;
}

export interface DigestUser {
  username: string;
  password: string;
}

export interface RegistrarConfig extends ElementConfigBase {
  kind: 'registrar';
  /** The domain this registrar is responsible for (§10.3 step 1). */
  domain: string;
  /** Ask for digest credentials (401) before accepting a REGISTER. */
  authenticate?: boolean;
  realm?: string;
  users?: DigestUser[];
  /** Shortest expiry accepted (423 Interval Too Brief below it; 0 disables). Default 60. */
  minExpires?: number;
  /** Longest expiry granted (default 7200). */
  maxExpires?: number;
  /** Bindings present from the start (AOR → contacts), e.g. for a proxy lesson that skips registration. */
  bindings?: { aor: string; contact: string; expires?: number; q?: number }[];
}

export interface ProxyConfig extends ElementConfigBase {
  kind: 'stateful-proxy' | 'stateless-proxy';
  /** The domain the proxy serves: requests for it are routed through the location service. */
  domain: string;
  /** Name of the registrar whose location service this proxy reads (same domain). */
  registrar?: string;
  /** Stay on the path of the dialog (§16.6 step 4). Default false. */
  recordRoute?: boolean;
  /** Several contacts: try them all at once or one after another by q-value (§16.6). Default parallel. */
  forking?: 'parallel' | 'sequential';
  /** Timer C, in ms (more than 3 minutes, §16.6 step 11). Default 180000. */
  timerCMs?: number;
  /** Ask callers for Proxy-Authorization (407) before forwarding INVITEs from its domain. */
  authenticate?: boolean;
  realm?: string;
  users?: DigestUser[];
}

export interface RedirectServerConfig extends ElementConfigBase {
  kind: 'redirect-server';
  domain: string;
  registrar?: string;
  /** 302 (default) or 300/301. */
  status?: 300 | 301 | 302;
}

export interface PresenceServerConfig extends ElementConfigBase {
  kind: 'presence-server';
  domain: string;
  /** Presence state of each presentity at the start ("open" or "closed"). */
  initial?: Record<string, 'open' | 'closed'>;
  /** Longest subscription granted in seconds (default 3600). */
  maxExpires?: number;
}

export type ElementConfig =
  UserAgentConfig | RegistrarConfig | ProxyConfig | RedirectServerConfig | PresenceServerConfig;
