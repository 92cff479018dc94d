'use client';
/**
 * A record of small values kept in this browser's localStorage under one key, shared by every
 * component that reads it and kept in step across tabs (the `storage` event). The lessons' and the
 * practice's progress are such records. A missing, unreadable or foreign value reads as empty.
 */
import { useSyncExternalStore } from 'react';

export interface BrowserRecord<V> {
  /** Sets one entry and tells every reader. */
  set(id: string, value: V): void;
  /** The record, re-rendering when it changes (empty while rendered on the server). */
  use(): Readonly<Record<string, V>>;
}

export function browserRecord<V>(key: string): BrowserRecord<V> {
  type Entries = Record<string, V>;
  const listeners = new Set<() => void>();
  const empty: Entries = {};
  let cache: Entries | null = null;
  let cacheRaw: string | null = null;

  function read(): Entries {
    if (typeof window === 'undefined') return empty;
    const raw = window.localStorage.getItem(key);
    if (raw === cacheRaw && cache) return cache;
    cacheRaw = raw;
    try {
      const parsed: unknown = raw ? JSON.parse(raw) : {};
      cache =
        parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Entries) : {};
    } catch {
      cache = {};
    }
    return cache;
  }

  function subscribe(listener: () => void): () => void {
    listeners.add(listener);
    const onStorage = (e: StorageEvent) => {
      if (e.key === key) listener();
    };
    window.addEventListener('storage', onStorage);
    return () => {
      listeners.delete(listener);
      window.removeEventListener('storage', onStorage);
    };
  }

  return {
    set(id, value) {
      window.localStorage.setItem(key, JSON.stringify({ ...read(), [id]: value }));
      for (const l of listeners) l();
    },
    use() {
      return useSyncExternalStore(subscribe, read, () => empty);
    },
  };
}
