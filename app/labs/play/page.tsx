import type { Metadata } from 'next';
import { SharedLab } from './SharedLab';

export const metadata: Metadata = {
  title: 'Shared lab',
  description: 'A SIP lab shared as a link: the whole lab is in the link, nothing is on a server.',
};

export default function PlayPage() {
  return <SharedLab />;
}
