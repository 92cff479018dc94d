'use client';
/**
 * The exercise page's live part: the seed from the URL (/practice/bye-route/?seed=42 reproduces an
 * attempt); without one, a new seed is drawn and written into the URL, so the attempt can be shared.
 */
import { useSearchParams } from 'next/navigation';
import { useEffect, useState } from 'react';
import { BeTheElement } from './BeTheElement';

/** A new attempt's seed (the page may use the browser's randomness; the simulation never does). */
export function newSeed(): number {
  return 1 + Math.floor(Math.random() * 999_999);
}

function seedFrom(value: string | null): number | undefined {
  if (value === null || !/^\d{1,9}$/.test(value)) return undefined;
  return Number(value);
}

export function ExerciseClient({ id }: { id: string }) {
  const params = useSearchParams();
  const [seed, setSeed] = useState<number>(() => seedFrom(params.get('seed')) ?? newSeed());

  // The URL always names the attempt shown, so it can be reloaded or shared.
  useEffect(() => {
    const url = `${window.location.pathname}?seed=${seed}`;
    if (`${window.location.pathname}${window.location.search}` !== url)
      window.history.replaceState(null, '', url);
  }, [seed]);

  return (
    <BeTheElement
      key={seed}
      exercise={id}
      seed={seed}
      onNewSeed={() => setSeed(newSeed())}
      standalone
    />
  );
}
