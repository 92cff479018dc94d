/**
 * Header fields some responses must carry (RFC 3261 §8.2.1, §8.2.2.3, §8.2.3, §8.2.4, §10.3, §21.3,
 * §22.2, §22.3, §22.4): Allow in a 405, Unsupported in a 420, Accept in a 415, Require in a 421,
 * Min-Expires in a 423, Contact in a redirect, a challenge in a 401 or 407, and qop in every Digest
 * challenge.
 */
import type { Msg } from '../model';
import { defineRule, type Rule } from '../rule';
import { what } from '../support/describe';

function statusRule(
  id: string,
  section: string,
  level: 'MUST' | 'SHOULD',
  statuses: readonly number[],
  headers: readonly [key: string, name: string][],
  title: string,
  why: string,
): Rule {
  return defineRule({ id, level, rfc: 'RFC 3261', section, title }, (model, emit) => {
    for (const r of model.messages) {
      if (!r.response || r.forwardOf || r.copyOf || !statuses.includes(r.status)) continue;
      if (headers.some(([k]) => r.sip.has(k))) continue;
      const names = headers.map(([, n]) => n).join(' or ');
      emit(r, `This ${what(r)} has no ${names}; ${why}`);
    }
  });
}

export const status405Allow = statusRule(
  'status-405-allow',
  '§8.2.1',
  'MUST',
  [405],
  [['allow', 'Allow']],
  'A 405 (Method Not Allowed) lists the methods the UAS supports in Allow.',
  'a 405 must list the methods the server does support.',
);

export const status420Unsupported = statusRule(
  'status-420-unsupported',
  '§8.2.2.3',
  'MUST',
  [420],
  [['unsupported', 'Unsupported']],
  'A 420 (Bad Extension) lists the option tags it did not understand in Unsupported.',
  'a 420 must name the extensions it did not understand.',
);

export const status415Accept = statusRule(
  'status-415-accept',
  '§8.2.3',
  'MUST',
  [415],
  [
    ['accept', 'Accept'],
    ['accept-encoding', 'Accept-Encoding'],
    ['accept-language', 'Accept-Language'],
  ],
  'A 415 (Unsupported Media Type) says what the server does understand: Accept, Accept-Encoding or Accept-Language.',
  'a 415 must list the body types (or encodings, or languages) the server understands.',
);

export const status421Require = statusRule(
  'status-421-require',
  '§8.2.4',
  'MUST',
  [421],
  [['require', 'Require']],
  'A 421 (Extension Required) names the needed extensions in Require.',
  'a 421 must name the extension it needs.',
);

export const status423MinExpires = statusRule(
  'status-423-min-expires',
  '§10.3',
  'MUST',
  [423],
  [['min-expires', 'Min-Expires']],
  'A 423 (Interval Too Brief) states the shortest expiration the registrar accepts in Min-Expires.',
  'a 423 must say in Min-Expires which interval the registrar would accept.',
);

export const status401WwwAuthenticate = statusRule(
  'status-401-www-authenticate',
  '§22.2',
  'MUST',
  [401],
  [['www-authenticate', 'WWW-Authenticate']],
  'A 401 (Unauthorized) carries a challenge in WWW-Authenticate.',
  'a 401 must carry the challenge the client is to answer.',
);

export const status407ProxyAuthenticate = statusRule(
  'status-407-proxy-authenticate',
  '§22.3',
  'MUST',
  [407],
  [['proxy-authenticate', 'Proxy-Authenticate']],
  'A 407 (Proxy Authentication Required) carries a challenge in Proxy-Authenticate.',
  "a 407 must carry the proxy's challenge.",
);

export const redirectContact = statusRule(
  'redirect-contact',
  '§21.3',
  'SHOULD',
  [300, 301, 302, 305],
  [['contact', 'Contact']],
  'A 300, 301, 302 or 305 response gives the address(es) to try in Contact.',
  'a redirect is useless without the new address(es) in Contact.',
);

function challenges(r: Msg) {
  return [...r.wwwAuthenticate, ...r.proxyAuthenticate];
}

export const digestChallengeQop = defineRule(
  {
    id: 'digest-challenge-qop',
    level: 'MUST',
    rfc: 'RFC 3261',
    section: '§22.4',
    title: 'A server always sends the qop parameter in a Digest challenge.',
  },
  (model, emit) => {
    for (const r of model.messages) {
      if (!r.response || r.forwardOf || r.copyOf) continue;
      for (const c of challenges(r)) {
        if (c.scheme.toLowerCase() === 'digest' && !c.params.has('qop'))
          emit(
            r,
            `The Digest challenge in this ${what(r)} has no qop parameter; RFC 3261 servers must always send one.`,
          );
      }
    }
  },
);
