import type { Metadata } from 'next';
import { builtinLegacyHash, sealedBuiltinLabs } from '@/sim/lab/builtin';
import { GradePage, type BuiltinChoice } from './GradePage';

export const metadata: Metadata = {
  title: 'Grade submissions',
  description:
    'Grade students’ lab submissions in your browser: each is replayed in the simulation and every check evaluated again. Nothing leaves the browser.',
};

/** The built-in labs reach the page sealed (no answer key in it), with their hash from before sealing. */
export default function Page() {
  const builtins: BuiltinChoice[] = sealedBuiltinLabs().map((lab) => {
    const legacyHash = builtinLegacyHash(lab.id);
    return legacyHash ? { lab, legacyHash } : { lab };
  });
  return <GradePage builtins={builtins} />;
}
