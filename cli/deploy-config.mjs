// @ts-check
/**
 * Where a build is deployed: the base path it is served under (`BASE_PATH`, "" at a domain's root) and
 * the folder the static export goes to (`EXPORT_DIR`, default out/). Read by next.config.js and by the
 * service worker step (cli/build-sw.mjs), so both agree; README, "Deploy".
 */

/** A BASE_PATH or EXPORT_DIR that cannot be used, with what was expected. */
export class DeployConfigError extends Error {
  /**
   * @param {string} variable
   * @param {string} value
   * @param {string} expected
   */
  constructor(variable, value, expected) {
    super(`${variable}=${JSON.stringify(value)} cannot be used: ${expected}`);
    this.name = 'DeployConfigError';
    this.variable = variable;
    this.value = value;
  }
}

// One path segment: RFC 3986 pchar (unreserved, percent-encoded, sub-delims, ":" and "@").
const SEGMENT = /^(?:[A-Za-z0-9._~!$&'()*+,;=:@-]|%[0-9A-Fa-f]{2})+$/;

/**
 * The base path as Next.js wants it: "" for the root, else "/a/b" (a leading slash, no trailing one).
 * "/", "" and unset mean the root; "/sip-course/" is read as "/sip-course".
 * @param {string | undefined} raw
 * @returns {string}
 */
export function normalizeBasePath(raw) {
  const value = (raw ?? '').trim();
  if (value === '' || value === '/') return '';
  if (!value.startsWith('/'))
    throw new DeployConfigError(
      'BASE_PATH',
      value,
      `a base path starts with "/" (for example /sip-course), the path the site is served under.`,
    );
  const path = value.replace(/\/+$/, '');
  for (const segment of path.slice(1).split('/')) {
    if (segment === '' || segment === '.' || segment === '..' || !SEGMENT.test(segment))
      throw new DeployConfigError(
        'BASE_PATH',
        value,
        `"${segment}" is not a path segment a URL can hold as it is (no empty segments, no "." or "..", no spaces, "?" or "#"; percent-encode other characters).`,
      );
  }
  return path;
}

/**
 * The folder the export is written to, relative to the project ("out" unless EXPORT_DIR says).
 * @param {string | undefined} raw
 * @returns {string}
 */
export function normalizeExportDir(raw) {
  const value = (raw ?? '').trim().replace(/\/+$/, '');
  if (value === '') return 'out';
  if (
    value.startsWith('/') ||
    value.split('/').some((s) => s === '' || s === '.' || s === '..') ||
    ['public', 'app', 'node_modules', '.next'].includes(value.split('/')[0] ?? '')
  )
    throw new DeployConfigError(
      'EXPORT_DIR',
      value,
      'a folder inside the project, such as out-base (not public/, app/, node_modules/ or .next/).',
    );
  return value;
}

/**
 * @param {Record<string, string | undefined>} env
 * @returns {{ basePath: string, exportDir: string }}
 */
export function deployConfig(env) {
  return {
    basePath: normalizeBasePath(env.BASE_PATH),
    exportDir: normalizeExportDir(env.EXPORT_DIR),
  };
}
