/**
 * The RFC rule engine's public types (RFC 3261 and the RFCs it leans on): messages as they were on the
 * wire, the rule catalog entries, the findings, and the options of a check.
 */

/** One SIP message as it was seen on the wire. */
export interface WireMessage {
  /** The caller's reference (e.g. a trace event id); findings point to it. */
  id: number;
  /** ms when it was sent (captures: when captured). */
  time: number;
  /** "10.0.0.1:5060"; IPv6 as "[2001:db8::1]:5060". */
  source: string;
  destination: string;
  /** Default UDP. */
  transport?: 'UDP' | 'TCP' | 'TLS' | 'SCTP' | 'WS';
  /** A string is a "wire string": one character per byte (see sim/codec/wire.ts). */
  raw: string | Uint8Array;
  /** false when the network lost it: the receiver never saw it (default true). */
  delivered?: boolean;
  /** ms when it reached the receiver, when known (simulation); else the send time. */
  arrival?: number;
}

export type RuleLevel = 'MUST' | 'SHOULD';

export interface RuleInfo {
  /** kebab-case, e.g. "ack-2xx-same-credentials". */
  id: string;
  level: RuleLevel;
  /** "RFC 3261". */
  rfc: string;
  /** "§17.1.1.3". */
  section: string;
  /** One sentence: what conformant behaviour is. */
  title: string;
}

export interface Finding {
  rule: string;
  level: RuleLevel;
  rfc: string;
  section: string;
  /** Id of the offending message (or of the message after which something was missing). */
  message: number;
  /** Ids of other messages involved (the INVITE an ACK belongs to, ...). */
  related?: number[];
  /** A plain sentence for a learner: what was wrong here, what was expected. */
  text: string;
}

export interface CheckOptions {
  /** RFC 3261 §17.1.1.1 timer values in ms; defaults 500 / 4000 / 5000. */
  T1?: number;
  T2?: number;
  T4?: number;
  /** ms allowed on timing rules (default 1 for simulations; captures pass more). */
  tolerance?: number;
  /** To recompute digest responses (RFC 2617 §3.2.2.1). */
  credentials?: { username: string; password: string; realm?: string }[];
  /** Host name -> address, to follow Route / Request-URI / Via host names. */
  hosts?: Record<string, string>;
  /** When observation ended (rules about "never came" use it); default the last time seen. */
  endTime?: number;
  /**
   * Seen from one point of a network that may translate addresses (a capture behind a NAT): a message's
   * address there need not be the one the far end used, so the address rules (§18.2.1 received,
   * §18.2.2 where a response goes) accept what a translation explains. Default false (a simulation).
   */
  translatedAddresses?: boolean;
}

/** A rule that threw while checking (a defect of the engine, never of the messages). */
export interface RuleError {
  rule: string;
  error: string;
}

/** Findings and, for the engine's own tests, any rule that failed to run. */
export interface CheckReport {
  findings: Finding[];
  ruleErrors: RuleError[];
}
