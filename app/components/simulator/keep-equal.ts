/**
 * Structural sharing for what the worker sends: every update arrives as fresh objects (a structured
 * clone), so a memoised panel would re-render all of it on every step. keepEqual(previous, next)
 * returns `next` with every part that equals the same part of `previous` replaced by the previous
 * object, so unchanged parts keep their identity and their components skip the render.
 *
 * Array items that carry an `id` (transactions, dialogs, machines) are matched by it, so a list that
 * lost its oldest item still shares the rest; other items are matched by position.
 *
 * Plain data only (objects, arrays, strings, numbers, booleans, null, undefined), as the session's
 * snapshots are; anything else is compared by identity.
 */
export function keepEqual<T>(previous: T, next: T): T {
  return share(previous, next) as T;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

function idOf(v: unknown): unknown {
  return isPlainObject(v) && (typeof v.id === 'string' || typeof v.id === 'number')
    ? v.id
    : undefined;
}

function share(a: unknown, b: unknown): unknown {
  if (Object.is(a, b)) return a;
  if (Array.isArray(a) && Array.isArray(b)) {
    let same = a.length === b.length;
    let byId: Map<unknown, unknown> | undefined;
    const out = new Array<unknown>(b.length);
    for (let i = 0; i < b.length; i++) {
      const id = idOf(b[i]);
      let before: unknown = a[i];
      if (id !== undefined && idOf(before) !== id) {
        byId ??= new Map(a.map((x) => [idOf(x), x]));
        before = byId.get(id);
      }
      out[i] = before === undefined ? b[i] : share(before, b[i]);
      if (out[i] !== a[i]) same = false;
    }
    return same ? a : out;
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = Object.keys(b);
    let same = keys.length === Object.keys(a).length;
    const out: Record<string, unknown> = {};
    for (const k of keys) {
      const v = Object.prototype.hasOwnProperty.call(a, k) ? share(a[k], b[k]) : b[k];
      out[k] = v;
      if (v !== a[k] || !(k in a)) same = false;
    }
    return same ? a : out;
  }
  return b;
}
