/**
 * Writes the address bar without telling Next.js's router. A plain history.replaceState makes the
 * App Router restore its tree under the new address (in a transition, re-rendering the page); a link
 * clicked while that restore is pending can be undone by it, and the reader lands back on the page
 * they left. With the router's own history state passed along, its patched replaceState leaves the
 * router alone: only the address changes, and Back and Forward still find the router's state.
 */
export function replaceUrlQuietly(url: string): void {
  const state: unknown = window.history.state;
  window.history.replaceState(
    state !== null && typeof state === 'object' ? { ...state } : state,
    '',
    url,
  );
}
