/**
 * The service worker (built into out/sw.js by cli/build-sw.mjs, with Serwist): on the first visit it
 * precaches the whole course — every page, the files the pages load when moving between them, their
 * scripts, styles, Web Workers and icons — and then answers from that cache, so the course works with
 * no network. A new deployment brings a new sw.js with a new precache list: the new worker fills its
 * entries while the old one keeps serving the old files, and takes over only when the page asks
 * (SKIP_WAITING, sent when the reader chooses "Reload"); then the old entries are deleted. A page is
 * never served a mix of two deployments.
 */
import { NetworkOnly, Serwist, type PrecacheEntry, type SerwistPlugin } from 'serwist';

/** What this file needs of the service worker scope (lib.webworker is not in the project's libs). */
interface ServiceWorkerScope {
  __SW_MANIFEST: (PrecacheEntry | string)[] | undefined;
  registration: { scope: string };
}

declare const self: ServiceWorkerScope;

// The deployment's own folder (e.g. https://host/sip-course/): every URL below is inside it.
const scope = self.registration.scope;

/**
 * A Web Worker of the page (the lab runner) reads its start-up data from its URL's fragment
 * (Turbopack's worker bootstrap: "…/turbopack-worker-….js#params=…"), and a worker takes the URL of
 * the response it is given. A response from the cache carries the cached URL, without the fragment;
 * a copy that has no URL of its own takes the request's, fragment included.
 */
const keepWorkerUrl: SerwistPlugin = {
  cachedResponseWillBeUsed: async ({ event, cachedResponse }) => {
    const request = (event as { request?: Request } | undefined)?.request;
    if (cachedResponse === undefined || request?.destination !== 'worker') return cachedResponse;
    const { status, statusText, headers } = cachedResponse;
    return new Response(cachedResponse.body, { status, statusText, headers });
  },
};

const serwist = new Serwist({
  // Replaced by the precache list when the worker is built.
  precacheEntries: self.__SW_MANIFEST,
  precacheOptions: {
    cleanupOutdatedCaches: true,
    // The pages read their own query (?scenario=…, ?from=…); the files do not depend on it, and the
    // page-to-page requests of Next.js add ?_rsc=…: any query is served the precached file.
    ignoreURLParametersMatching: [/.*/],
    directoryIndex: 'index.html',
    plugins: [keepWorkerUrl],
  },
  // A new deployment waits for the reader's "Reload" (app/_deploy/UpdatePrompt.tsx).
  skipWaiting: false,
  // The first visit's page is controlled at once, so it works offline without a reload.
  clientsClaim: true,
  navigationPreload: false,
  disableDevLogs: true,
  // A page that is not part of the course (a mistyped address) offline: the course's "not found" page.
  runtimeCaching: [
    {
      matcher: ({ request, sameOrigin }) => sameOrigin && request.mode === 'navigate',
      handler: new NetworkOnly(),
    },
  ],
  fallbacks: {
    entries: [
      {
        url: new URL('404.html', scope).href,
        matcher: ({ request }) => request.destination === 'document',
      },
    ],
  },
});

serwist.addEventListeners();
