'use client';

/**
 * Registers the service worker (app/_deploy/sw/service-worker.ts, built to <base>/sw.js) and follows
 * its updates: `updateReady` turns true when a new deployment's worker has installed and waits, and
 * `applyUpdate` lets it take over (SKIP_WAITING). When the worker controlling a page changes, the page
 * reloads, in every open tab: a page never runs one deployment's code against another's files.
 *
 * Written against the Service Worker API directly (rather than a window helper) so that an update
 * found while the page was still loading is not missed: the registration is looked at as it is
 * (installing, waiting) as well as followed.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { withBasePath } from './base-path';

/** How often an open page asks whether a new deployment exists (browsers also ask on each visit). */
const UPDATE_CHECK_MS = 60 * 60 * 1000;

export interface ServiceWorkerUpdate {
  updateReady: boolean;
  applyUpdate: () => void;
}

export function useServiceWorker(): ServiceWorkerUpdate {
  const [updateReady, setUpdateReady] = useState(false);
  const registration = useRef<ServiceWorkerRegistration | null>(null);

  useEffect(() => {
    // `next dev` has no sw.js; browsers without service workers (or with them blocked) work online.
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    const container = navigator.serviceWorker;
    let stopped = false;

    // A page controlled by a worker that gets another one is running the old deployment's code.
    let controlled = container.controller !== null;
    const onControllerChange = () => {
      if (controlled) window.location.reload();
      controlled = true;
    };
    container.addEventListener('controllerchange', onControllerChange);

    // A worker that installs while another controls the page is a new deployment, waiting.
    const follow = (reg: ServiceWorkerRegistration, worker: ServiceWorker | null) => {
      if (worker === null) return;
      const look = () => {
        if (
          !stopped &&
          worker.state === 'installed' &&
          reg.waiting === worker &&
          container.controller
        )
          setUpdateReady(true);
      };
      look();
      worker.addEventListener('statechange', look);
    };

    const check = () => {
      if (document.visibilityState === 'visible' && navigator.onLine)
        registration.current?.update().catch(() => undefined);
    };
    document.addEventListener('visibilitychange', check);
    window.addEventListener('online', check);
    const timer = window.setInterval(check, UPDATE_CHECK_MS);

    // After the page has loaded: the course's download must not slow the first page down.
    const loaded =
      document.readyState === 'complete'
        ? Promise.resolve()
        : new Promise<void>((resolve) =>
            window.addEventListener('load', () => resolve(), { once: true }),
          );
    loaded
      .then(() =>
        stopped ? null : container.register(withBasePath('/sw.js'), { scope: withBasePath('/') }),
      )
      .then((reg) => {
        if (reg === null || stopped) return;
        registration.current = reg;
        follow(reg, reg.waiting);
        follow(reg, reg.installing);
        reg.addEventListener('updatefound', () => follow(reg, reg.installing));
      })
      .catch(() => {
        // Registration refused (blocked, private mode, not a secure context): the course works online.
      });

    return () => {
      stopped = true;
      container.removeEventListener('controllerchange', onControllerChange);
      document.removeEventListener('visibilitychange', check);
      window.removeEventListener('online', check);
      window.clearInterval(timer);
    };
  }, []);

  const applyUpdate = useCallback(() => {
    registration.current?.waiting?.postMessage({ type: 'SKIP_WAITING' });
  }, []);

  return { updateReady, applyUpdate };
}
