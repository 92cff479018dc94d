import type { Metadata } from 'next';
import { MessageLab } from './MessageLab';

export const metadata: Metadata = {
  title: 'Message lab',
  description:
    'Paste a raw SIP message and see it parsed, explained line by line and validated as an RFC 3261 server would.',
};

export default function MessageLabPage() {
  return (
    <>
      <h1>Message lab</h1>
      <p className="lead">
        Paste a raw SIP message, captured from a phone or copied from a document, and see it parsed,
        explained line by line and validated as an RFC 3261 server would. On the wire every line
        ends in CRLF; here lines ending in LF alone are accepted too, since that is what pasting
        from a document gives. Content-Length then counts the body&apos;s bytes as they are here.
      </p>
      <MessageLab />
    </>
  );
}
