/**
 * The start line (RFC 3261 §7.1, §7.2): a request's method, Request-URI and version, or a response's
 * version and status code. The reason phrase is for people and not judged (§21: any phrase will do).
 * Where the Request-URI comes from depends on what the message is: the callee's address for a new
 * request, the remote target inside a dialog, the INVITE's for a CANCEL or the ACK of a non-2xx, the
 * location service's contact for a proxy that serves the domain.
 */
import { SipParseError, type SipMessage, type Uri } from '../../codec';
import type { CompareContext } from '../context';
import { finding, judged, rfc3261, type Finding, type PartRule } from './finding';
import { uriMatches, uriText } from './uris';

function requestUriRule(ctx: CompareContext): PartRule {
  const method = ctx.expected.kind === 'request' ? ctx.expected.method : '';
  switch (ctx.role) {
    case 'forwarded-request': {
      const changed =
        ctx.origin?.kind === 'request' &&
        ctx.expected.kind === 'request' &&
        ctx.origin.requestUri !== ctx.expected.requestUri;
      return changed
        ? {
            rule: 'A proxy responsible for the domain of the Request-URI uses its location service to find the targets, and puts the target in the Request-URI of the copy it forwards.',
            section: `${rfc3261('16.5')}, ${rfc3261('16.6')} step 2`,
            hint: 'The Request-URI names a user of the domain this proxy serves: where is that user now? Look at the bindings the location service holds.',
          }
        : {
            rule: 'A proxy that is not responsible for the domain forwards the request to the Request-URI as it is.',
            section: `${rfc3261('16.5')}, ${rfc3261('16.6')} step 2`,
            hint: 'Is this proxy responsible for the domain in the Request-URI? If not, the target is the Request-URI itself.',
          };
    }
    case 'cancel':
      return {
        rule: 'The Request-URI, Call-ID, To, the numeric part of CSeq and From of the CANCEL MUST be identical to those in the request being cancelled.',
        section: rfc3261('9.1'),
        hint: 'A CANCEL has to be matched to the INVITE it cancels: which request-line did the INVITE have?',
      };
    case 'ack-non-2xx':
      return {
        rule: 'The ACK of a non-2xx final response MUST contain the same Request-URI as the original request.',
        section: rfc3261('17.1.1.3'),
        hint: 'This ACK belongs to the INVITE transaction: it goes where the INVITE went.',
      };
    case 'ack-2xx':
    case 'in-dialog-request':
      return {
        rule: 'Inside a dialog, with a route set whose first URI has lr (or none), the Request-URI is the remote target: the Contact the other side gave.',
        section: rfc3261('12.2.1.1'),
        hint: 'Which address did the other party give for itself when the dialog was set up?',
      };
    default:
      return method === 'REGISTER'
        ? {
            rule: 'The Request-URI of a REGISTER names the domain of the location service (the registrar), without a user part.',
            section: rfc3261('10.2'),
            hint: 'A REGISTER is sent to the domain whose registrar keeps the bindings, not to a user.',
          }
        : {
            rule: "The Request-URI of a new request is set to the value of the To field's URI (the address of the person or service asked for).",
            section: rfc3261('8.1.1.1'),
            hint: 'Whom is this request for?',
          };
  }
}

function safeUri(m: SipMessage & { kind: 'request' }): Uri | undefined {
  try {
    return m.uri();
  } catch (e) {
    if (e instanceof SipParseError) return undefined;
    throw e;
  }
}

export function compareStartLine(got: SipMessage, ctx: CompareContext): Finding[] {
  const exp = ctx.expected;
  const out: Finding[] = [];
  const version: PartRule = {
    rule: 'SIP-Version is "SIP/2.0" in every message of RFC 3261.',
    section: rfc3261('7.1'),
    hint: 'Every request line ends, and every status line begins, with the protocol version.',
  };
  if (exp.kind === 'request') {
    if (got.kind !== 'request') {
      out.push(
        finding('Start line', 'wrong', `a request line: ${exp.method} …`, `a status line`, {
          rule: 'A request starts with Method SP Request-URI SP SIP-Version.',
          section: rfc3261('7.1'),
          hint: 'Is the element asking for something (a request) or answering (a response)?',
        }),
      );
      return out;
    }
    out.push(
      judged('Method', got.method === exp.method, exp.method, got.method, {
        rule: 'The method names what the request asks for; methods are case-sensitive.',
        section: rfc3261('7.1'),
        hint: 'What does the element want from the other side at this point?',
      }),
    );
    const expUri = safeUri(exp);
    const gotUri = safeUri(got);
    const rule = requestUriRule(ctx);
    out.push(
      judged(
        'Request-URI',
        expUri !== undefined && gotUri !== undefined && uriMatches(gotUri, expUri),
        expUri ? uriText(expUri) : exp.requestUri,
        got.requestUri,
        rule,
      ),
    );
    out.push(
      judged(
        'SIP version',
        got.version.toUpperCase() === 'SIP/2.0',
        'SIP/2.0',
        got.version,
        version,
      ),
    );
    return out;
  }
  if (got.kind !== 'response') {
    out.push(
      finding('Start line', 'wrong', `a status line: SIP/2.0 ${exp.status} …`, 'a request line', {
        rule: 'A response starts with SIP-Version SP Status-Code SP Reason-Phrase.',
        section: rfc3261('7.2'),
        hint: 'Is the element asking for something (a request) or answering (a response)?',
      }),
    );
    return out;
  }
  out.push(
    judged('SIP version', got.version.toUpperCase() === 'SIP/2.0', 'SIP/2.0', got.version, version),
  );
  out.push(
    judged('Status code', got.status === exp.status, String(exp.status), String(got.status), {
      rule:
        ctx.role === 'forwarded-response'
          ? 'A proxy forwards the response it received; it does not change its status.'
          : 'The status code says what happened to the request; the reason phrase is only for people.',
      section: ctx.role === 'forwarded-response' ? rfc3261('16.7') : rfc3261('21'),
      hint:
        ctx.role === 'forwarded-response'
          ? 'What did the next hop answer?'
          : 'Which class of response (1xx to 6xx) says what happens now, and which code in it?',
    }),
  );
  return out;
}
