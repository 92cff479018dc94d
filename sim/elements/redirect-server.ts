/**
 * Redirect server (RFC 3261 §8.3, §21.3): answers a request with 3xx and the Contacts where the callee
 * can be reached (from the location service), so the caller tries them itself.
 *
 * It runs no machine of its own: each request is answered at once from what the location service
 * holds (3xx, or 404), and nothing is kept from one request to the next — its only state is that of
 * its server transactions (§17.2), which their machines show.
 */
import { isSipUri, type SipRequest } from '../codec';
import type { ServerTransaction } from '../transaction';
import { BaseElement, type ElementContext } from './base-element';
import type { RedirectServerConfig } from './config';
import { canonicalAor } from './location-service';
import { Registrar } from './registrar';

export class RedirectServer extends BaseElement {
  readonly kind = 'redirect-server' as const;

  constructor(
    override readonly config: RedirectServerConfig,
    ctx: ElementContext,
  ) {
    super(config, ctx);
  }

  /** It answers at once, so no 100 Trying is needed first (§17.2.1). */
  protected override sendsTrying(): boolean {
    return false;
  }

  protected override onRequest(tx: ServerTransaction, req: SipRequest): void {
    if (req.method === 'OPTIONS') {
      this.respond(tx, 200, {
        headers: [['Allow', 'INVITE, ACK, CANCEL, OPTIONS, MESSAGE, SUBSCRIBE']],
      });
      return;
    }
    const uri = req.uri();
    if (!isSipUri(uri) || uri.host.toLowerCase() !== this.config.domain.toLowerCase()) {
      this.respond(tx, 404, { reason: 'Not Found (not a domain of this server)' });
      return;
    }
    const registrar = this.config.registrar ? this.ctx.element(this.config.registrar) : undefined;
    const location = registrar instanceof Registrar ? registrar.location : undefined;
    const aor = canonicalAor(uri);
    const bindings = location ? location.lookup(aor, this.network.queue.now()) : [];
    if (bindings.length === 0) {
      this.respond(tx, 404, { reason: `Not Found (${aor} has no registered contact)` });
      return;
    }
    const status = this.config.status ?? (bindings.length > 1 ? 300 : 302);
    this.note(`${this.name} redirects ${aor} to ${bindings.map((b) => b.contact).join(', ')}`);
    this.respond(tx, status, {
      headers: bindings.map((b): [string, string] => [
        'Contact',
        `<${b.contact}>${b.q !== 1 ? `;q=${b.q}` : ''}`,
      ]),
    });
  }

  protected override settings(): Record<string, string | number | boolean> {
    return { domain: this.config.domain, status: this.config.status ?? 302 };
  }
}
