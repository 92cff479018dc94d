'use client';
/**
 * Practice progress, kept in this browser (localStorage, as the lessons' progress is): which
 * exercises were answered right, with the seed of the attempt. Nothing leaves the browser.
 */
import { useSyncExternalStore } from 'react';

const KEY = 'sip-lab-practice';

export interface Solved {
  seed: number;
}
type Progress = Record<string, Solved>;

const listeners = new Set<() => void>();
let cache: Progress | null = null;
let cacheRaw: string | null = null;

function read(): Progress {
  if (typeof window === 'undefined') return {};
  const raw = window.localStorage.getItem(KEY);
  if (raw === cacheRaw && cache) return cache;
  cacheRaw = raw;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    cache =
      parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Progress) : {};
  } catch {
    cache = {};
  }
  return cache;
}

export function markSolved(id: string, seed: number): void {
  const next = { ...read(), [id]: { seed } };
  window.localStorage.setItem(KEY, JSON.stringify(next));
  for (const l of listeners) l();
}

function subscribe(l: () => void): () => void {
  listeners.add(l);
  const onStorage = (e: StorageEvent) => {
    if (e.key === KEY) l();
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(l);
    window.removeEventListener('storage', onStorage);
  };
}

const EMPTY: Progress = {};

export function usePracticeProgress(): Progress {
  return useSyncExternalStore(subscribe, read, () => EMPTY);
}
