/**
 * The values of one attempt, drawn from its seed: who calls whom (user names and their domains), the
 * addresses and ports of the hosts, the first CSeq numbers, the expiry asked for, a password, and the
 * scenario's own seed (which draws the tags, branches and Call-IDs). The same seed always gives the
 * same attempt, so a seed in a link reproduces it.
 */
import { SeededRandom } from '../network';

export interface Party {
  /** The user part of the AOR ("alice"). */
  user: string;
  /** Its display name ("Alice"). */
  display: string;
  /** The domain of the AOR ("a.example.com"). */
  domain: string;
  /** The phone's address and port. */
  address: string;
  port: number;
}

export interface World {
  seed: number;
  caller: Party;
  callee: Party;
  /** A second device of the caller, already registered (the registrar lists both). */
  callerOtherDevice: { address: string; port: number; expires: number };
  /** Addresses of the servers of each domain. */
  callerRegistrar: string;
  calleeProxy: string;
  calleeRegistrar: string;
  calleeServer: string;
  /** The port the proxy of the callee's domain listens on. */
  proxyPort: number;
  /** Expiry asked for in REGISTER and SUBSCRIBE (s). */
  registerExpires: number;
  subscribeExpires: number;
  /** First CSeq numbers of each user agent. */
  callerCSeq: number;
  calleeCSeq: number;
  password: string;
  /** The scenario's seed. */
  scenarioSeed: number;
}

const CALLERS = ['alice', 'carol', 'erin', 'grace', 'ivan', 'mallory', 'olivia', 'quentin'];
const CALLEES = ['bob', 'dave', 'frank', 'heidi', 'judy', 'nina', 'peggy', 'victor'];
const CALLER_DOMAINS = ['a.example.com', 'atlanta.example.com', 'example.org', 'sales.example.net'];
const CALLEE_DOMAINS = ['b.example.com', 'biloxi.example.com', 'example.edu', 'lab.example.net'];
const PASSWORDS = ['wonderland', 'rabbit-hole', 'tea-party', 'cheshire', 'queen-of-hearts'];
const EXPIRIES = [300, 600, 900, 1200, 1800, 3600, 7200];

function pick<T>(rng: SeededRandom, list: readonly T[]): T {
  return list[rng.int(list.length)]!;
}

function capitalized(user: string): string {
  return user.charAt(0).toUpperCase() + user.slice(1);
}

function port(rng: SeededRandom): number {
  return rng.chance(0.4) ? 5060 : 5062 + rng.int(40);
}

/** The values of attempt `seed` (a whole number). */
export function drawWorld(seed: number): World {
  const rng = new SeededRandom(`sip-lab exercise ${seed}`);
  const caller = pick(rng, CALLERS);
  const callee = pick(rng, CALLEES);
  const netA = rng.int(8);
  const netB = 1 + rng.int(8);
  const hostA = (min: number) => `10.${netA}.0.${min + rng.int(40)}`;
  const hostB = (min: number) => `10.${netB}.1.${min + rng.int(40)}`;
  return {
    seed,
    caller: {
      user: caller,
      display: capitalized(caller),
      domain: pick(rng, CALLER_DOMAINS),
      address: hostA(50),
      port: port(rng),
    },
    callee: {
      user: callee,
      display: capitalized(callee),
      domain: pick(rng, CALLEE_DOMAINS),
      address: hostB(50),
      port: port(rng),
    },
    callerOtherDevice: { address: hostA(100), port: port(rng), expires: 120 + rng.int(3000) },
    callerRegistrar: `10.${netA}.0.${2 + rng.int(8)}`,
    calleeProxy: `10.${netB}.1.${2 + rng.int(8)}`,
    calleeRegistrar: `10.${netB}.1.${10 + rng.int(8)}`,
    calleeServer: `10.${netB}.1.${20 + rng.int(8)}`,
    proxyPort: rng.chance(0.5) ? 5060 : 5070 + rng.int(20),
    registerExpires: pick(rng, EXPIRIES),
    subscribeExpires: pick(rng, EXPIRIES),
    callerCSeq: 1 + rng.int(9000),
    calleeCSeq: 1 + rng.int(9000),
    password: pick(rng, PASSWORDS),
    scenarioSeed: rng.int(1_000_000),
  };
}
