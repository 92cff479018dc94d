import { createContext, useContext, useId, type ReactNode } from 'react';
import {
  HEADER_DOCS,
  plainParseError,
  formatParams,
  formatUri,
  isSipUri,
  isStar,
  isTelUri,
  paramValue,
  viaBranch,
  viaParam,
  wireToText,
  type ContactValue,
  type NameAddr,
  type SipMessage,
  type Uri,
  type Via,
} from '@/sim/codec';
import { readField, type FieldRead } from './analyze';
import styles from './message-lab.module.css';

/** The message as received (a wire string), so a field's error can quote the text before it. */
const SourceContext = createContext<string | null>(null);

function Absent({ children = 'absent' }: { children?: ReactNode }) {
  return <span className={styles.muted}>{children}</span>;
}

function Value({ children }: { children: ReactNode }) {
  return <code className={styles.value}>{children}</code>;
}

/** A value that may be missing (undefined), present without a value (null), or present. */
function ParamValue({ value, bare }: { value: string | null | undefined; bare: string }) {
  if (value === undefined) return <Absent />;
  if (value === null) return <Absent>{bare}</Absent>;
  return <Value>{wireToText(value)}</Value>;
}

function Field({ name, children }: { name: string; children: ReactNode }) {
  return (
    <div className={styles.field}>
      <dt>{name}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A field that does not parse: the problem in plain words, then the codec's own message and rule. */
function FieldError({ read }: { read: Exclude<FieldRead<unknown>, { ok: true }> }) {
  const { error } = read;
  const source = useContext(SourceContext);
  return (
    <div className={styles.fieldError}>
      <p>
        <strong>
          <span aria-hidden="true">✗ </span>Does not parse:
        </strong>{' '}
        {error === undefined ? read.internal : plainParseError(error, source).sentence}
      </p>
      {error !== undefined && (
        <p className={styles.fieldErrorDetail}>
          {error.problem}
          {error.line > 0 && (
            <>
              {' '}
              (line {error.line}, column {error.column})
            </>
          )}
          ; the rule: {error.expected}.
        </p>
      )}
    </div>
  );
}

/** Renders a field read with the codec's accessor: its value, or its parse error. */
function Read<T>({ read, children }: { read: FieldRead<T>; children: (value: T) => ReactNode }) {
  return read.ok ? <>{children(read.value)}</> : <FieldError read={read} />;
}

function Group({
  title,
  rfc,
  children,
}: {
  title: string;
  rfc?: string | undefined;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className={styles.group} aria-labelledby={headingId}>
      <h3 id={headingId}>{title}</h3>
      {rfc !== undefined && <p className={styles.groupRfc}>{rfc}</p>}
      {children}
    </section>
  );
}

function UriFields({ uri }: { uri: Uri }) {
  if (isSipUri(uri)) {
    return (
      <>
        <Field name="Scheme">
          <Value>{uri.scheme}</Value>
        </Field>
        <Field name="User">
          {uri.user === null ? <Absent>none</Absent> : <Value>{wireToText(uri.user)}</Value>}
        </Field>
        <Field name="Host">
          <Value>{uri.host}</Value>
        </Field>
        <Field name="Port">
          {uri.port === null ? <Absent>none (the default)</Absent> : <Value>{uri.port}</Value>}
        </Field>
        <Field name="Parameters">
          {uri.params.length === 0 ? (
            <Absent>none</Absent>
          ) : (
            <Value>{wireToText(formatParams(uri.params))}</Value>
          )}
        </Field>
      </>
    );
  }
  if (isTelUri(uri)) {
    return (
      <>
        <Field name="Scheme">
          <Value>tel</Value>
        </Field>
        <Field name="Number">
          <Value>{uri.number}</Value>
        </Field>
      </>
    );
  }
  return (
    <>
      <Field name="Scheme">
        <Value>{uri.scheme}</Value>
      </Field>
      <Field name="Rest">
        <Value>{wireToText(uri.opaque)}</Value>
      </Field>
    </>
  );
}

function StartLine({ message }: { message: SipMessage }) {
  if (message.kind === 'response') {
    return (
      <Group title="Status line" rfc="RFC 3261 §7.2">
        <dl className={styles.fields}>
          <Field name="Version">
            <Value>{message.version}</Value>
          </Field>
          <Field name="Status code">
            <Value>{message.status}</Value>
          </Field>
          <Field name="Reason phrase">
            {message.reason === '' ? <Absent>empty</Absent> : wireToText(message.reason)}
          </Field>
        </dl>
      </Group>
    );
  }
  const uri = readField(() => message.uri());
  return (
    <Group title="Request line" rfc="RFC 3261 §7.1, §19.1">
      <dl className={styles.fields}>
        <Field name="Method">
          <Value>{message.method}</Value>
        </Field>
        <Field name="Request-URI">
          <Value>{wireToText(message.requestUri)}</Value>
        </Field>
        {uri.ok ? (
          <UriFields uri={uri.value} />
        ) : (
          <Field name="Request-URI parts">
            <FieldError read={uri} />
          </Field>
        )}
        <Field name="Version">
          <Value>{message.version}</Value>
        </Field>
      </dl>
    </Group>
  );
}

function ViaFields({ via }: { via: Via }) {
  const branch = viaBranch(via);
  return (
    <dl className={styles.fields}>
      <Field name="Transport">
        <Value>{via.transport}</Value>{' '}
        <span className={styles.muted}>
          ({via.protocol}/{via.version})
        </span>
      </Field>
      <Field name="Sent-by">
        <Value>
          {via.host}
          {via.port !== null && `:${via.port}`}
        </Value>
      </Field>
      <Field name="Branch">
        {branch === undefined ? <Absent>none</Absent> : <Value>{wireToText(branch)}</Value>}
      </Field>
      <Field name="Received">
        <ParamValue value={viaParam(via, 'received')} bare="present, no value" />
      </Field>
      <Field name="Rport">
        <ParamValue value={viaParam(via, 'rport')} bare="requested, not yet filled in" />
      </Field>
    </dl>
  );
}

function ViaGroup({ message }: { message: SipMessage }) {
  const vias = readField(() => message.vias());
  return (
    <Group title="Via" rfc={HEADER_DOCS.via?.rfc}>
      <Read read={vias}>
        {(list) =>
          list.length === 0 ? (
            <p>
              <Absent>No Via header.</Absent>
            </p>
          ) : (
            <ol className={styles.valueList}>
              {list.map((via, i) => (
                <li key={i}>
                  <p className={styles.valueListTitle}>
                    Via {i + 1}
                    {list.length > 1 && i === 0 && ' (topmost)'}
                  </p>
                  <ViaFields via={via} />
                </li>
              ))}
            </ol>
          )
        }
      </Read>
    </Group>
  );
}

function NameAddrFields({ value, tag = true }: { value: NameAddr; tag?: boolean }) {
  return (
    <>
      <Field name="Display name">
        {value.displayName === null || value.displayName === '' ? (
          <Absent>none</Absent>
        ) : (
          wireToText(value.displayName)
        )}
      </Field>
      <Field name="URI">
        <Value>{wireToText(formatUri(value.uri))}</Value>
      </Field>
      {tag && (
        <Field name="Tag">
          <ParamValue value={paramValue(value.params, 'tag')} bare="present, no value" />
        </Field>
      )}
    </>
  );
}

function AddressGroup({ message, which }: { message: SipMessage; which: 'from' | 'to' }) {
  const read = readField(() => (which === 'from' ? message.from() : message.to()));
  const title = which === 'from' ? 'From' : 'To';
  return (
    <Group title={title} rfc={HEADER_DOCS[which]?.rfc}>
      <Read read={read}>
        {(value) =>
          value === undefined ? (
            <p>
              <Absent>No {title} header.</Absent>
            </p>
          ) : (
            <dl className={styles.fields}>
              <NameAddrFields value={value} />
            </dl>
          )
        }
      </Read>
    </Group>
  );
}

function ContactFields({ contact }: { contact: ContactValue }) {
  if (isStar(contact)) {
    return <p>“*”: every binding of the address of record (with Expires: 0, removes them all).</p>;
  }
  return (
    <dl className={styles.fields}>
      <NameAddrFields value={contact} tag={false} />
      <Field name="Parameters">
        {contact.params.length === 0 ? (
          <Absent>none</Absent>
        ) : (
          <Value>{wireToText(formatParams(contact.params))}</Value>
        )}
      </Field>
    </dl>
  );
}

function ContactGroup({ message }: { message: SipMessage }) {
  const contacts = readField(() => message.contacts());
  return (
    <Group title="Contact" rfc={HEADER_DOCS.contact?.rfc}>
      <Read read={contacts}>
        {(list) =>
          list.length === 0 ? (
            <p>
              <Absent>No Contact header.</Absent>
            </p>
          ) : (
            <ol className={styles.valueList}>
              {list.map((contact, i) => (
                <li key={i}>
                  {list.length > 1 && <p className={styles.valueListTitle}>Contact {i + 1}</p>}
                  <ContactFields contact={contact} />
                </li>
              ))}
            </ol>
          )
        }
      </Read>
    </Group>
  );
}

function SingleValue<T>({
  read,
  format,
}: {
  read: FieldRead<T | undefined>;
  format: (value: T) => ReactNode;
}) {
  return <Read read={read}>{(value) => (value === undefined ? <Absent /> : format(value))}</Read>;
}

function IdentityGroup({ message }: { message: SipMessage }) {
  return (
    <Group title="Call-ID, CSeq, Max-Forwards" rfc="RFC 3261 §20.8, §20.16, §20.22">
      <dl className={styles.fields}>
        <Field name="Call-ID">
          <SingleValue
            read={readField(() => message.callId())}
            format={(id) => <Value>{wireToText(id)}</Value>}
          />
        </Field>
        <Field name="CSeq">
          <SingleValue
            read={readField(() => message.cseq())}
            format={(cseq) => (
              <>
                <Value>{cseq.seq}</Value> <span className={styles.muted}>number,</span>{' '}
                <Value>{cseq.method}</Value> <span className={styles.muted}>method</span>
              </>
            )}
          />
        </Field>
        <Field name="Max-Forwards">
          <SingleValue
            read={readField(() => message.maxForwards())}
            format={(hops) => <Value>{hops}</Value>}
          />
        </Field>
      </dl>
    </Group>
  );
}

function BodyGroup({ message }: { message: SipMessage }) {
  const contentLength = message.headerValue('content-length');
  return (
    <Group title="Body" rfc="RFC 3261 §7.4, §20.14, §20.15">
      <dl className={styles.fields}>
        <Field name="Content-Type">
          <SingleValue
            read={readField(() => message.contentType())}
            format={(type) => (
              <Value>
                {type.type}/{type.subtype}
                {wireToText(formatParams(type.params))}
              </Value>
            )}
          />
        </Field>
        <Field name="Content-Length">
          {contentLength === undefined ? (
            <Absent>absent (the body runs to the end of the datagram)</Absent>
          ) : (
            <Value>{contentLength}</Value>
          )}
        </Field>
        <Field name="Body size">
          <Value>{message.body.length}</Value> <span className={styles.muted}>bytes</span>
        </Field>
      </dl>
    </Group>
  );
}

/** The message's fields as the codec's typed accessors read them; each one that fails shows why. */
export function FieldsPanel({ message }: { message: SipMessage }) {
  return (
    <section aria-labelledby="fields-heading">
      <h2 id="fields-heading">Parsed fields</h2>
      <p className={styles.sectionIntro}>
        Each value as the codec reads it. A header that does not parse shows its error instead.
      </p>
      <div className={styles.groups}>
        <SourceContext value={message.source}>
          <StartLine message={message} />
          <ViaGroup message={message} />
          <AddressGroup message={message} which="from" />
          <AddressGroup message={message} which="to" />
          <IdentityGroup message={message} />
          <ContactGroup message={message} />
          <BodyGroup message={message} />
        </SourceContext>
      </div>
    </section>
  );
}
