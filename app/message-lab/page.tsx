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
        explained line by line and validated as an RFC 3261 server would.
      </p>
      <MessageLab />
    </>
  );
}
