import type { Metadata } from 'next';
import { InspectClient } from './InspectClient';

export const metadata: Metadata = {
  title: 'Inspect a capture',
  description:
    'Open a pcap or pcapng capture in the browser: its SIP calls, a ladder to step through, each line explained against RFC 3261, and an RFC check.',
};

export default function InspectPage() {
  return (
    <div className="inspect-page">
      <h1>Inspect a capture</h1>
      <p className="lead">
        Open a capture of real SIP traffic (pcap or pcapng, UDP or TCP, IPv4 or IPv6): pick calls to
        draw, step through their messages with each line explained, and see where the traffic breaks
        RFC 3261.
      </p>
      <InspectClient />
    </div>
  );
}
