import type { Metadata } from 'next';
import { Suspense } from 'react';
import { BUILTIN_SCENARIOS } from '@/sim/scenario/builtins';
import { PlaygroundClient } from './PlaygroundClient';

export const metadata: Metadata = {
  title: 'Playground',
  description:
    'Run any built-in SIP scenario step by step: registrations, calls through proxies, forking, redirects, lost messages and timers.',
};

export default function PlaygroundPage() {
  return (
    <div className="playground">
      {/* The scenario and the step come from the query string, read in the browser. */}
      <Suspense
        fallback={
          <>
            <h1>Playground</h1>
            <p className="playground-loading">Loading the simulator…</p>
          </>
        }
      >
        {/* Validated here, when the page is built: the browser receives the scenarios as data. */}
        <PlaygroundClient scenarios={[...BUILTIN_SCENARIOS.values()]} />
      </Suspense>
    </div>
  );
}
