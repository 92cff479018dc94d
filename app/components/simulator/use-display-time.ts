'use client';

/**
 * The virtual time the topology draws: after one step forward it runs from the previous step's time
 * to the new one on requestAnimationFrame, so a message in flight moves along its link as a function
 * of the simulation clock. Back, reset and jumps show the new time at once; so does a reader who
 * prefers reduced motion.
 */
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { SimState } from './use-session';

/** Real time (ms) one step's animation takes: its virtual duration, kept within 150–1200 ms, over the speed. */
export function animationMs(virtualGapMs: number, speed: number): number {
  return Math.min(1200, Math.max(150, virtualGapMs)) / speed;
}

const REDUCED = '(prefers-reduced-motion: reduce)';

function subscribeReduced(onChange: () => void): () => void {
  const media = window.matchMedia(REDUCED);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

export function usePrefersReducedMotion(): boolean {
  return useSyncExternalStore(
    subscribeReduced,
    () => window.matchMedia(REDUCED).matches,
    () => false,
  );
}

export function useDisplayTime(state: SimState): number {
  const { view, move, moveId, previousTime, speed } = state;
  const reduced = usePrefersReducedMotion();
  const target = view.time;
  const animate = move === 'step' && !reduced && target > previousTime;
  const [frame, setFrame] = useState<{ moveId: number; time: number } | null>(null);

  useEffect(() => {
    if (!animate) return;
    const duration = animationMs(target - previousTime, speed);
    let raf = 0;
    let start: number | undefined;
    const tick = (now: number) => {
      start ??= now;
      const k = Math.min(1, (now - start) / duration);
      setFrame({ moveId, time: previousTime + (target - previousTime) * k });
      if (k < 1) raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [animate, moveId, previousTime, target, speed]);

  if (!animate) return target;
  return frame?.moveId === moveId ? frame.time : previousTime;
}
