/**
 * The location service (RFC 3261 §10.2, §10.3, §16.5): bindings from an address of record (AOR) to
 * contact addresses, each with an expiry and a q-value, written by a registrar and read by proxies and
 * redirect servers of the same domain.
 */
import { formatUri, isSipUri, parseUri, unescape, type Uri } from '../codec';

export interface Binding {
  aor: string;
  contact: string;
  /** Virtual time (ms) at which the binding expires. */
  expiresAt: number;
  /** Preference among the AOR's contacts, 0–1 (§20.10); 1 when the Contact had none. */
  q: number;
  callId: string;
  cseq: number;
}

/** A binding with the time it expires (virtual ms): the state a registrar keeps. */
export type BindingState = Omit<BindingSnapshot, 'expiresIn'> & { expiresAt: number };

export interface BindingSnapshot {
  aor: string;
  contact: string;
  q: number;
  /** Seconds left before the binding expires. */
  expiresIn: number;
}

/** An AOR in canonical form (§10.3 step 5): scheme, unescaped user, lower-case host; no port or parameters. */
export function canonicalAor(uri: string | Uri): string {
  const u = typeof uri === 'string' ? parseUri(uri) : uri;
  if (!isSipUri(u)) return formatUri(u).toLowerCase();
  return `${u.scheme}:${u.user !== null ? unescape(u.user) + '@' : ''}${u.host.toLowerCase()}`;
}

export class LocationService {
  private readonly bindings = new Map<string, Binding[]>();
  /** The earliest expiry among all bindings, kept up to date as bindings are added (Infinity when none). */
  private earliest = Infinity;

  /** When the next binding expires (virtual ms), or Infinity. */
  nextExpiry(now: number): number {
    if (this.earliest <= now || this.earliest === Infinity) {
      this.earliest = Infinity;
      for (const list of this.bindings.values())
        for (const b of list)
          if (b.expiresAt > now && b.expiresAt < this.earliest) this.earliest = b.expiresAt;
    }
    return this.earliest;
  }

  /**
   * The live contacts of an AOR, most preferred (highest q) first — or, with `order: 'registration'`,
   * the oldest binding first (a binding that is refreshed keeps its place).
   */
  lookup(aor: string, now: number, order: 'preference' | 'registration' = 'preference'): Binding[] {
    const list = (this.bindings.get(aor) ?? []).filter((b) => b.expiresAt > now);
    return order === 'registration' ? list : list.sort((a, b) => b.q - a.q);
  }

  find(aor: string, contact: string): Binding | undefined {
    return this.bindings.get(aor)?.find((b) => b.contact === contact);
  }

  put(binding: Binding): void {
    if (binding.expiresAt < this.earliest) this.earliest = binding.expiresAt;
    const list = this.bindings.get(binding.aor) ?? [];
    const i = list.findIndex((b) => b.contact === binding.contact);
    if (i >= 0) list[i] = binding;
    else list.push(binding);
    this.bindings.set(binding.aor, list);
  }

  remove(aor: string, contact: string): boolean {
    const list = this.bindings.get(aor);
    if (!list) return false;
    const i = list.findIndex((b) => b.contact === contact);
    if (i < 0) return false;
    list.splice(i, 1);
    if (list.length === 0) this.bindings.delete(aor);
    return true;
  }

  removeAll(aor: string): number {
    const n = this.bindings.get(aor)?.length ?? 0;
    this.bindings.delete(aor);
    return n;
  }

  /** Drops bindings whose time has come; returns them. */
  expire(now: number): Binding[] {
    const gone: Binding[] = [];
    for (const [aor, list] of this.bindings) {
      const keep = list.filter((b) => {
        if (b.expiresAt > now) return true;
        gone.push(b);
        return false;
      });
      if (keep.length === 0) this.bindings.delete(aor);
      else this.bindings.set(aor, keep);
    }
    return gone;
  }

  /** The bindings, with when each expires (expired ones the next expiry sweep removes are left out). */
  state(now: number): BindingState[] {
    const out: BindingState[] = [];
    for (const [aor, list] of [...this.bindings.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      for (const b of list) {
        if (b.expiresAt > now)
          out.push({
            aor,
            contact: b.contact,
            q: b.q,
            expiresAt: b.expiresAt,
          });
      }
    }
    return out;
  }
}
