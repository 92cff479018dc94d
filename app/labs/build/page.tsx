import type { Metadata } from 'next';
import { Builder } from './Builder';

export const metadata: Metadata = {
  title: 'Lab builder',
  description:
    'Build a SIP lab: a simulated network, tasks checked on its trace, and a link to share it. Everything stays in your browser.',
};

export default function BuildPage() {
  return <Builder />;
}
