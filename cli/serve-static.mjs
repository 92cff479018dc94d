#!/usr/bin/env node
// @ts-check
/**
 * A tiny, dependency-free static file server for the Next.js static export (out/).
 *
 * Usage: node cli/serve-static.mjs [DIR] [--port N] [--host HOST] [--base PATH]
 *   DIR   directory to serve (default: out)
 *   PORT  also read from the PORT environment variable (default: 4173)
 *   HOST  default: 127.0.0.1 (loopback only)
 *   PATH  serve DIR under this path, as a host serves a site built with BASE_PATH (default: the root)
 *
 * - /a/b/ serves DIR/a/b/index.html; /a/b (a directory) redirects to /a/b/.
 * - Unknown paths get DIR/404.html with status 404 (or a plain-text 404).
 * - With --base /p: /p/a/ serves DIR/a/index.html, /p redirects to /p/, and anything outside /p/ is
 *   a plain-text 404 (a link that leaves the base path shows up as one).
 * - Only GET and HEAD; nothing outside DIR is ever read.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { normalizeBasePath } from './deploy-config.mjs';

/** @type {Readonly<Record<string, string>>} */
export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.mdx': 'text/markdown; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.pdf': 'application/pdf',
};

/**
 * The Content-Type for a file name, by its extension.
 * @param {string} file
 * @returns {string}
 */
export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * @param {string} file
 * @returns {Promise<import('node:fs').Stats | null>}
 */
async function statOrNull(file) {
  try {
    return await stat(file);
  } catch {
    return null;
  }
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} text
 * @param {Record<string, string>} [headers]
 */
function sendText(res, status, text, headers = {}) {
  const body = Buffer.from(text + '\n', 'utf8');
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(body.length),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : body);
}

/**
 * @param {import('node:http').ServerResponse} res
 * @param {number} status
 * @param {string} file
 * @param {number} size
 */
function sendFile(res, status, file, size) {
  res.writeHead(status, {
    'Content-Type': contentType(file),
    'Content-Length': String(size),
    'Cache-Control': 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (res.req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}

/**
 * @param {string} root absolute directory
 * @param {string} base the base path ("" or "/a/b")
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
async function handle(root, base, req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const url = new URL(req.url ?? '/', 'http://localhost');
  let pathname;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    sendText(res, 400, 'Bad Request');
    return;
  }
  if (pathname.includes('\0')) {
    sendText(res, 400, 'Bad Request');
    return;
  }
  if (base !== '') {
    if (url.pathname === base) {
      const location = `${base}/${url.search}`;
      sendText(res, 308, `Redirecting to ${location}`, { Location: location });
      return;
    }
    if (!pathname.startsWith(`${base}/`)) {
      sendText(res, 404, `Not Found: this server serves the site under ${base}/ only`);
      return;
    }
    pathname = pathname.slice(base.length);
  }

  // path.join normalises '..'; anything that still lands outside root is not found.
  let file = path.join(root, pathname);
  let info = null;
  if (file === root || file.startsWith(root + path.sep)) {
    info = await statOrNull(file);
    if (info?.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        const location = '/' + url.pathname.replace(/^\/+/, '') + '/' + url.search;
        sendText(res, 308, `Redirecting to ${location}`, { Location: location });
        return;
      }
      file = path.join(file, 'index.html');
      info = await statOrNull(file);
    }
  }

  if (info?.isFile()) {
    sendFile(res, 200, file, info.size);
    return;
  }
  const notFound = path.join(root, '404.html');
  const notFoundInfo = await statOrNull(notFound);
  if (notFoundInfo?.isFile()) {
    sendFile(res, 404, notFound, notFoundInfo.size);
  } else {
    sendText(res, 404, 'Not Found');
  }
}

/**
 * A server (not yet listening) for the files under `root`, at the root or under `options.base`.
 * @param {string} root
 * @param {{ base?: string }} [options]
 * @returns {import('node:http').Server}
 */
export function createStaticServer(root, options = {}) {
  const dir = path.resolve(root);
  const base = normalizeBasePath(options.base);
  return createServer((req, res) => {
    handle(dir, base, req, res).catch((error) => {
      console.error(error);
      if (!res.headersSent) sendText(res, 500, 'Internal Server Error');
      else res.destroy();
    });
  });
}

/**
 * @param {string[]} argv
 * @returns {{ dir: string, port: number, host: string, base: string }}
 */
function parseArgs(argv) {
  let dir = 'out';
  let port = Number(process.env.PORT ?? 4173);
  let host = '127.0.0.1';
  let base = '';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--port' || arg === '-p') port = Number(argv[++i]);
    else if (arg === '--host') host = argv[++i] ?? host;
    else if (arg === '--base') base = normalizeBasePath(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: node cli/serve-static.mjs [DIR] [--port N] [--host HOST] [--base PATH]');
      process.exit(0);
    } else if (arg !== undefined && !arg.startsWith('-')) dir = arg;
    else throw new Error(`Unknown option: ${arg}`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('Invalid port');
  return { dir, port, host, base };
}

async function main() {
  const { dir, port, host, base } = parseArgs(process.argv.slice(2));
  const info = await statOrNull(dir);
  if (!info?.isDirectory()) {
    console.error(`serve-static: ${dir}/ does not exist; run \`npm run build\` first.`);
    process.exit(1);
  }
  const server = createStaticServer(dir, { base });
  server.listen(port, host, () => {
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    console.log(`Serving ${dir}/ at http://${host}:${actualPort}${base}/ (Ctrl+C to stop)`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  main().catch((error) => {
    console.error(`serve-static: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
