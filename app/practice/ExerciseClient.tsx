'use client';
/**
 * The exercise page's live part: the seed from the URL (/practice/bye-route/?seed=42 reproduces an
 * attempt); without one, a new seed is drawn and written into the URL, so the attempt can be shared.
 */
import { useSearchParams } from 'next/navigation';
import { useCallback, useEffect, useState } from 'react';
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
  const asked = seedFrom(params.get('seed'));
  const [seed, setSeed] = useState<number | undefined>(asked);

  const showSeed = useCallback((s: number) => {
    const url = `${window.location.pathname}?seed=${s}`;
    window.history.replaceState(null, '', url);
    setSeed(s);
  }, []);

  useEffect(() => {
    if (seed === undefined) showSeed(newSeed());
  }, [seed, showSeed]);

  if (seed === undefined) return <p className="sim-loading">Drawing the values of this attempt…</p>;
  return (
    <BeTheElement
      key={seed}
      exercise={id}
      seed={seed}
      onNewSeed={() => showSeed(newSeed())}
      standalone
    />
  );
}
