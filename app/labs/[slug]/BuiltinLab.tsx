'use client';

import type { Lab } from '@/sim/lab';
import { ClientOnly, EmbedMode } from '../client-only';
import { LabPlayer } from '../LabPlayer';

/**
 * A built-in lab: the static page shows its title; the browser opens it with the student's progress.
 * `lab` comes sealed from the server side of the page; `legacyHash` is where progress was kept before.
 */
export function BuiltinLab({ lab, legacyHash }: { lab: Lab; legacyHash?: string }) {
  return (
    <>
      <EmbedMode />
      <ClientOnly
        fallback={
          <div className="lab-page">
            <h1>{lab.title}</h1>
            <p className="lead">{lab.summary}</p>
            <p>Loading the lab…</p>
          </div>
        }
      >
        <LabPlayer lab={lab} origin="builtin" {...(legacyHash ? { legacyHash } : {})} />
      </ClientOnly>
    </>
  );
}
