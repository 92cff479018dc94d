/**
 * The names under which this deployment keeps things in the browser (localStorage): course progress,
 * the theme, the lab builder's drafts, labs opened from links, progress in labs. Deployments on one
 * origin (a code host's project pages, a university server) share one localStorage, so each keeps its
 * own keys: "sip-lab:/sip-course:progress" under /sip-course. At a domain's root the keys keep the
 * names they had before base paths existed ("sip-lab-progress", "sip-lab.lab-drafts"…), so a site
 * that was already deployed at the root loses nothing when it is updated. A sub-path deployment that
 * finds the root's keys on its origin (the course was moved from the root to a sub-path) takes a copy
 * of them once, the first time it runs (adoptRootStorage).
 */
import { BASE_PATH } from './base-path';

/** What is stored; "lab-progress.<lab id>.<hash>" is one lab's progress. */
export type StoredName =
  | 'progress'
  | 'theme'
  | 'lab-drafts'
  | 'lab-current-draft'
  | 'labs-opened'
  | `lab-progress.${string}`;

const FIXED_ROOT_KEYS: Readonly<Record<string, string>> = {
  progress: 'sip-lab-progress',
  theme: 'sip-lab-theme',
  'lab-drafts': 'sip-lab.lab-drafts',
  'lab-current-draft': 'sip-lab.lab-current-draft',
  'labs-opened': 'sip-lab.labs-opened',
};
const LAB_PROGRESS = 'lab-progress.';
const ROOT_LAB_PROGRESS = 'sip-lab.lab-progress.';

/** The key of a name at the root: the name it always had. */
function rootKey(name: StoredName): string {
  return FIXED_ROOT_KEYS[name] ?? `sip-lab.${name}`;
}

/** The name a root key stands for, or undefined when the key is not one of ours. */
export function nameOfRootKey(key: string): StoredName | undefined {
  for (const [name, k] of Object.entries(FIXED_ROOT_KEYS)) if (k === key) return name as StoredName;
  if (key.startsWith(ROOT_LAB_PROGRESS) && key.length > ROOT_LAB_PROGRESS.length)
    return `${LAB_PROGRESS}${key.slice(ROOT_LAB_PROGRESS.length)}`;
  return undefined;
}

/** The localStorage key of a name in the deployment under `base`. */
export function storageKey(name: StoredName, base: string = BASE_PATH): string {
  return base === '' ? rootKey(name) : `sip-lab:${base}:${name}`;
}

/** Marks a sub-path deployment that has already looked for the root's keys. */
export function adoptedMarkerKey(base: string): string {
  return `sip-lab:${base}:adopted-root-keys`;
}

/** What adoptRootStorage needs of localStorage (a test passes a Map-backed one). */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'key' | 'length'>;

/**
 * Once per sub-path deployment: copies the root's keys that this deployment does not have yet
 * (nothing is removed: the root's site keeps its own). Returns how many keys were copied. Storage
 * that is full or blocked copies what it can and never throws.
 */
export function adoptRootStorage(storage: KeyValueStorage, base: string = BASE_PATH): number {
  if (base === '') return 0;
  let copied = 0;
  try {
    const marker = adoptedMarkerKey(base);
    if (storage.getItem(marker) !== null) return 0;
    const rootKeys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      if (key !== null && nameOfRootKey(key) !== undefined) rootKeys.push(key);
    }
    for (const key of rootKeys) {
      const target = storageKey(nameOfRootKey(key)!, base);
      const value = storage.getItem(key);
      if (value !== null && storage.getItem(target) === null) {
        storage.setItem(target, value);
        copied++;
      }
    }
    storage.setItem(marker, new Date().toISOString());
  } catch {
    // Full or blocked storage: what was copied stays; the next visit tries again.
  }
  return copied;
}

let adopted = false;

/**
 * The key of a name in this deployment, in the browser. The first call adopts the root's keys
 * (above), so whatever reads storage through this function sees them.
 */
export function browserStorageKey(name: StoredName): string {
  if (!adopted && typeof window !== 'undefined') {
    adopted = true;
    try {
      adoptRootStorage(window.localStorage);
    } catch {
      // localStorage itself may throw when storage is blocked.
    }
  }
  return storageKey(name);
}
