'use client';

/**
 * What the lab pages keep in this browser (localStorage): the builder's drafts, the labs opened from
 * links, and each student's progress in each lab. Every read is defensive (storage may be full,
 * blocked or edited by hand): a value that does not parse is treated as absent, never as a crash.
 * useStoredValue() lets components follow a key with useSyncExternalStore.
 */
import { useSyncExternalStore } from 'react';
import { browserStorageKey } from '../_deploy/storage-key';

// Each deployment keeps its own keys (app/_deploy/storage-key.ts).
export const DRAFTS_KEY = browserStorageKey('lab-drafts');
export const CURRENT_DRAFT_KEY = browserStorageKey('lab-current-draft');
export const OPENED_KEY = browserStorageKey('labs-opened');

/** At most this many labs opened from links are remembered, and only links up to this length. */
const MAX_OPENED = 30;
const MAX_REMEMBERED_FRAGMENT = 120_000;

const listeners = new Set<() => void>();

function notify(): void {
  for (const l of listeners) l();
}

export function readRaw(key: string): string | null {
  if (typeof window === 'undefined') return null;
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

/** Writes a value; false when the browser refuses (storage full or blocked). */
export function writeRaw(key: string, value: string | null): boolean {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
    notify();
    return true;
  } catch {
    return false;
  }
}

export function readJson(key: string): unknown {
  const raw = readRaw(key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = () => listener();
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

/** The raw text stored under a key (null when absent, and on the server). */
export function useStoredRaw(key: string): string | null {
  return useSyncExternalStore(
    subscribe,
    () => readRaw(key),
    () => null,
  );
}

// ---------------------------------------------------------------------------------------------
// Drafts of the builder

export interface StoredDraft {
  draftId: string;
  updatedAt: string;
  /** The lab document as the instructor left it (it may not be valid yet). */
  doc: Record<string, unknown>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function parseDrafts(raw: string | null): StoredDraft[] {
  if (raw === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((d): StoredDraft[] =>
    isRecord(d) &&
    typeof d['draftId'] === 'string' &&
    typeof d['updatedAt'] === 'string' &&
    isRecord(d['doc'])
      ? [{ draftId: d['draftId'], updatedAt: d['updatedAt'], doc: d['doc'] }]
      : [],
  );
}

export function readDrafts(): StoredDraft[] {
  return parseDrafts(readRaw(DRAFTS_KEY));
}

/** Saves a draft (newest first); false when the browser refused. */
export function saveDraft(draftId: string, doc: Record<string, unknown>): boolean {
  const others = readDrafts().filter((d) => d.draftId !== draftId);
  const next: StoredDraft[] = [{ draftId, updatedAt: new Date().toISOString(), doc }, ...others];
  const ok = writeRaw(DRAFTS_KEY, JSON.stringify(next));
  if (ok) writeRaw(CURRENT_DRAFT_KEY, draftId);
  return ok;
}

export function deleteDraft(draftId: string): void {
  writeRaw(DRAFTS_KEY, JSON.stringify(readDrafts().filter((d) => d.draftId !== draftId)));
  if (readRaw(CURRENT_DRAFT_KEY) === draftId) writeRaw(CURRENT_DRAFT_KEY, null);
}

// ---------------------------------------------------------------------------------------------
// Labs opened from links

export interface OpenedLab {
  id: string;
  title: string;
  summary: string;
  author: string;
  tasks: number;
  points: number;
  /** The fragment of the link (without "#"). */
  fragment: string;
  openedAt: string;
}

export function parseOpened(raw: string | null): OpenedLab[] {
  if (raw === null) return [];
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(value)) return [];
  return value.flatMap((o): OpenedLab[] => {
    if (!isRecord(o)) return [];
    const { id, title, summary, author, tasks, points, fragment, openedAt } = o;
    return typeof id === 'string' &&
      typeof title === 'string' &&
      typeof summary === 'string' &&
      typeof author === 'string' &&
      typeof tasks === 'number' &&
      typeof points === 'number' &&
      typeof fragment === 'string' &&
      typeof openedAt === 'string'
      ? [{ id, title, summary, author, tasks, points, fragment, openedAt }]
      : [];
  });
}

export function rememberOpened(lab: Omit<OpenedLab, 'openedAt'>): void {
  if (lab.fragment.length > MAX_REMEMBERED_FRAGMENT) return;
  const others = parseOpened(readRaw(OPENED_KEY)).filter((o) => o.fragment !== lab.fragment);
  const next = [{ ...lab, openedAt: new Date().toISOString() }, ...others].slice(0, MAX_OPENED);
  writeRaw(OPENED_KEY, JSON.stringify(next));
}

export function forgetOpened(fragment: string): void {
  writeRaw(
    OPENED_KEY,
    JSON.stringify(parseOpened(readRaw(OPENED_KEY)).filter((o) => o.fragment !== fragment)),
  );
}

// ---------------------------------------------------------------------------------------------
// A student's progress in a lab

export function progressKey(labId: string, hash: string): string {
  return browserStorageKey(`lab-progress.${labId}.${hash.slice(0, 16)}`);
}
