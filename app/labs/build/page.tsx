import type { Metadata } from 'next';
import { sealedBuiltinLabs } from '@/sim/lab/builtin';
import { Builder } from './Builder';

export const metadata: Metadata = {
  title: 'Lab builder',
  description:
    'Build a SIP lab: a simulated network, tasks checked on its trace, and a link to share it. Everything stays in your browser.',
};

/** The built-in labs reach the builder sealed (for "Edit a copy"): no answer key in the page. */
export default function BuildPage() {
  return <Builder builtins={sealedBuiltinLabs()} />;
}
