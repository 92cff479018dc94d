'use client';
/**
 * Course progress, kept in this browser (localStorage): which self-checks were answered right. A
 * lesson is done when all of its self-checks have been answered right once. Nothing leaves the browser.
 */
import { useSyncExternalStore } from 'react';
import { browserStorageKey } from '../../_deploy/storage-key';

// Each deployment keeps its own progress (app/_deploy/storage-key.ts).
const KEY = browserStorageKey('progress');
type Progress = Record<string, true>;

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
    cache = parsed && typeof parsed === 'object' ? (parsed as Progress) : {};
  } catch {
    cache = {};
  }
  return cache;
}

export function markCorrect(checkId: string): void {
  const next = { ...read(), [checkId]: true as const };
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

export function useProgress(): Progress {
  return useSyncExternalStore(subscribe, read, () => EMPTY);
}
