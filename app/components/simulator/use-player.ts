'use client';

/**
 * Play: one step per (delay / speed) of real time, where the delay is the virtual time the last
 * step took, kept within 150–1200 ms so that nothing feels stuck; stops at the end of the run.
 */
import { useEffect } from 'react';
import { animationMs } from './use-display-time';
import type { SessionActions, SimState } from './use-session';

export function usePlayer(state: SimState, actions: SessionActions): void {
  const { playing, moveId, move, view, previousTime, speed } = state;
  const finished = view.finished;
  const gap = move === 'step' ? view.time - previousTime : 0;

  useEffect(() => {
    if (!playing) return;
    if (finished) {
      actions.pause();
      return;
    }
    const id = window.setTimeout(() => actions.step(), animationMs(gap, speed));
    return () => window.clearTimeout(id);
  }, [playing, finished, moveId, gap, speed, actions]);
}
