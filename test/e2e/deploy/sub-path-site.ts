/**
 * The course built with BASE_PATH=/sip-course (into out-base/, beside out/) and served under
 * /sip-course/ by cli/serve-static.mjs, for the deployment tests. The build runs once per test worker
 * (about two minutes); E2E_REUSE_SUB_PATH_BUILD=1 reuses an out-base/ already there.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { createStaticServer } from '../../../cli/serve-static.mjs';

export const BASE_PATH = '/sip-course';
export const SUB_PATH_DIR = path.join(process.cwd(), 'out-base');

function buildSubPath(): void {
  if (process.env['E2E_REUSE_SUB_PATH_BUILD'] && existsSync(path.join(SUB_PATH_DIR, 'sw.js')))
    return;
  execFileSync('npm', ['run', 'build'], {
    env: { ...process.env, BASE_PATH, EXPORT_DIR: path.basename(SUB_PATH_DIR) },
    stdio: ['ignore', 'ignore', 'inherit'],
    timeout: 600_000,
  });
}

export interface Site {
  origin: string;
  /** The URL of a path of the course ("/learn/") in this deployment. */
  url: (pathname: string) => string;
  close: () => Promise<void>;
}

/** Serves `dir` under /sip-course/ on a free port of the loopback interface. */
export async function serveSubPath(dir: string): Promise<Site> {
  const server = createStaticServer(dir, { base: BASE_PATH });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (pathname) => `${origin}${BASE_PATH}${pathname}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Every request of the context (pages, workers and the service worker's precaching) that got an
 * error status, failed (other than aborted), or asked for a path outside the base path of `origin`.
 */
export function watchRequests(context: BrowserContext, origin: string): string[] {
  const problems: string[] = [];
  context.on('request', (r) => {
    const u = new URL(r.url());
    if (u.origin === origin && !u.pathname.startsWith(`${BASE_PATH}/`))
      problems.push(`outside ${BASE_PATH}/: ${r.method()} ${r.url()}`);
  });
  context.on('response', (r) => {
    if (r.status() >= 400) problems.push(`${r.status()}: ${r.url()}`);
  });
  context.on('requestfailed', (r) => {
    const error = r.failure()?.errorText ?? '?';
    // Aborted: a prefetch or a worker's script given up when the page moved on, not a missing file.
    if (error !== 'net::ERR_ABORTED') problems.push(`failed (${error}): ${r.url()}`);
  });
  return problems;
}

/** Links on the page that leave the base path while staying on the site's origin. */
export async function linksOutsideBase(page: Page, origin: string): Promise<string[]> {
  const hrefs = await page
    .locator('a[href]')
    .evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
  return hrefs.filter((h) => {
    const u = new URL(h);
    return u.origin === origin && !u.pathname.startsWith(`${BASE_PATH}/`);
  });
}

/** Waits until the service worker has precached the course and controls the page. */
export async function waitForOfflineReady(page: Page): Promise<string> {
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  return scope;
}

export const test = base.extend<object, { subPathBuild: string }>({
  subPathBuild: [
    async ({}, use) => {
      buildSubPath();
      await use(SUB_PATH_DIR);
    },
    { scope: 'worker', timeout: 600_000 },
  ],
});
