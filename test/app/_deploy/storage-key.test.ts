import { describe, expect, it } from 'vitest';
import {
  adoptRootStorage,
  adoptedMarkerKey,
  nameOfRootKey,
  storageKey,
  type KeyValueStorage,
  type StoredName,
} from '@/app/_deploy/storage-key';
import { withBasePath } from '@/app/_deploy/base-path';

/** localStorage over a Map, in insertion order; `full` makes every write throw as a full one does. */
function memoryStorage(
  entries: [string, string][] = [],
  full = false,
): KeyValueStorage & {
  map: Map<string, string>;
} {
  const map = new Map(entries);
  return {
    map,
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => {
      if (full) throw new DOMException('full', 'QuotaExceededError');
      map.set(k, v);
    },
  };
}

const NAMES: StoredName[] = [
  'progress',
  'theme',
  'lab-drafts',
  'lab-current-draft',
  'labs-opened',
  'lab-progress.register-digest.0123456789abcdef',
];

describe('storageKey', () => {
  it('keeps the names the keys always had at the root', () => {
    expect(NAMES.map((n) => storageKey(n, ''))).toEqual([
      'sip-lab-progress',
      'sip-lab-theme',
      'sip-lab.lab-drafts',
      'sip-lab.lab-current-draft',
      'sip-lab.labs-opened',
      'sip-lab.lab-progress.register-digest.0123456789abcdef',
    ]);
  });

  it('gives each sub-path deployment keys of its own', () => {
    expect(storageKey('progress', '/sip-course')).toBe('sip-lab:/sip-course:progress');
    const a = NAMES.map((n) => storageKey(n, '/a'));
    const b = NAMES.map((n) => storageKey(n, '/a/b'));
    const root = NAMES.map((n) => storageKey(n, ''));
    expect(new Set([...a, ...b, ...root]).size).toBe(NAMES.length * 3);
  });

  it('reads a root key back to its name, and nothing else', () => {
    for (const n of NAMES) expect(nameOfRootKey(storageKey(n, ''))).toBe(n);
    for (const k of ['sip-lab.lab-progress.', 'other', 'sip-lab:/a:progress', 'sip-lab-themes'])
      expect(nameOfRootKey(k), k).toBeUndefined();
  });
});

describe('adoptRootStorage', () => {
  const rootEntries: [string, string][] = [
    ['sip-lab-progress', '{"q1":true}'],
    ['sip-lab.lab-drafts', '[]'],
    ['sip-lab.lab-progress.lab.0123456789abcdef', '{"answers":{}}'],
    ['someone-elses-key', 'x'],
  ];

  it('copies the root keys into a sub-path deployment once, leaving the root its own', () => {
    const storage = memoryStorage(rootEntries);
    expect(adoptRootStorage(storage, '/sip-course')).toBe(3);
    expect(storage.getItem('sip-lab:/sip-course:progress')).toBe('{"q1":true}');
    expect(storage.getItem('sip-lab:/sip-course:lab-drafts')).toBe('[]');
    expect(storage.getItem('sip-lab:/sip-course:lab-progress.lab.0123456789abcdef')).toBe(
      '{"answers":{}}',
    );
    expect(storage.getItem('sip-lab-progress')).toBe('{"q1":true}');
    expect(storage.getItem(adoptedMarkerKey('/sip-course'))).not.toBeNull();

    // Later changes at the root are not copied again: the deployments stay apart.
    storage.setItem('sip-lab-progress', '{"q1":true,"q2":true}');
    expect(adoptRootStorage(storage, '/sip-course')).toBe(0);
    expect(storage.getItem('sip-lab:/sip-course:progress')).toBe('{"q1":true}');
  });

  it('never overwrites what the deployment already has', () => {
    const storage = memoryStorage([...rootEntries, ['sip-lab:/c:progress', '{"mine":true}']]);
    expect(adoptRootStorage(storage, '/c')).toBe(2);
    expect(storage.getItem('sip-lab:/c:progress')).toBe('{"mine":true}');
  });

  it('does nothing at the root', () => {
    const storage = memoryStorage(rootEntries);
    expect(adoptRootStorage(storage, '')).toBe(0);
    expect(storage.map.size).toBe(rootEntries.length);
  });

  it('does not throw when storage is full', () => {
    expect(adoptRootStorage(memoryStorage(rootEntries, true), '/sip-course')).toBe(0);
  });
});

describe('withBasePath', () => {
  it('prefixes paths on the site and leaves other links alone', () => {
    expect(withBasePath('/labs/play/', '/sip-course')).toBe('/sip-course/labs/play/');
    expect(withBasePath('/', '/sip-course')).toBe('/sip-course/');
    expect(withBasePath('/labs/play/', '')).toBe('/labs/play/');
    for (const link of ['https://example.com/', '//example.com/x', '#part', 'relative/'])
      expect(withBasePath(link, '/sip-course')).toBe(link);
  });
});
