'use client';

/**
 * Parts of the lab pages that read the browser (localStorage, the URL fragment) render only after
 * hydration: the static HTML shows the fallback, and the browser renders the rest with its state read
 * once, in useState initialisers.
 */
import { useEffect, useSyncExternalStore, type ReactNode } from 'react';

const noop = () => () => {};

/** False during the static render and hydration, true after. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}

export function ClientOnly({ children, fallback }: { children: ReactNode; fallback: ReactNode }) {
  return useHydrated() ? children : fallback;
}

/**
 * With `?embed=1` in the URL, the page hides the site's header, navigation and footer (CSS on
 * html[data-embed]) so it can live in an iframe of a course page.
 */
export function EmbedMode() {
  useEffect(() => {
    const embed = new URLSearchParams(window.location.search).get('embed');
    if (embed === '1' || embed === 'true') document.documentElement.dataset.embed = '1';
    return () => {
      delete document.documentElement.dataset.embed;
    };
  }, []);
  return null;
}
