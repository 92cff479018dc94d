/**
 * The path this deployment is served under ("" at a domain's root, "/sip-course" under a sub-path),
 * fixed at build time by BASE_PATH (next.config.js). Next.js prefixes its own links, scripts and
 * styles; the rest (plain <a> links, share links, the service worker, storage keys) uses this.
 */

export const BASE_PATH: string = process.env.NEXT_PUBLIC_BASE_PATH ?? '';

/**
 * A site-absolute path ("/labs/play/") as this deployment serves it ("/sip-course/labs/play/").
 * Anything else (a full URL, "//host", "#fragment", a relative path) is returned unchanged.
 */
export function withBasePath(path: string, base: string = BASE_PATH): string {
  return path.startsWith('/') && !path.startsWith('//') ? `${base}${path}` : path;
}
