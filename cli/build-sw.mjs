#!/usr/bin/env node
// @ts-check
/**
 * Builds the service worker of a static export, after `next build` (part of `npm run build`): bundles
 * app/_deploy/sw/service-worker.ts with esbuild and injects Serwist's precache list — every file of the
 * export, as URLs under the deployment's base path, each with a hash of its content as revision (files
 * under _next/static/chunks and media already carry one in their names) — into DIR/sw.js.
 *
 * Usage: node cli/build-sw.mjs [DIR] [--base PATH]
 *   DIR   the export (default: EXPORT_DIR, else out)
 *   PATH  the base path it is served under (default: BASE_PATH, else the root)
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { injectManifest } from '@serwist/build';
import { build } from 'esbuild';
import { deployConfig, normalizeBasePath } from './deploy-config.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = path.join(ROOT, 'app', '_deploy', 'sw', 'service-worker.ts');

/** Files of the export the course never requests. */
export const NOT_PRECACHED = [
  'sw.js',
  '**/*.map',
  // Turbopack copies a Web Worker's TypeScript source beside the bundled worker; only the bundle runs.
  '_next/static/media/*.ts',
];

/**
 * Writes DIR/sw.js for the export in `dir`, served under `basePath`.
 * @param {{ dir: string, basePath: string }} options
 * @returns {Promise<{ count: number, size: number, warnings: string[], swPath: string }>}
 */
export async function buildServiceWorker({ dir, basePath }) {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory())
    throw new Error(
      `${dir}/ does not exist: run \`next build\` first (it writes the export there).`,
    );
  const work = await mkdtemp(path.join(tmpdir(), 'sip-lab-sw-'));
  try {
    const bundled = path.join(work, 'sw.js');
    await build({
      entryPoints: [SOURCE],
      outfile: bundled,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: ['es2022'],
      minify: true,
      legalComments: 'none',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'error',
    });
    const swPath = path.join(dir, 'sw.js');
    const { count, size, warnings } = await injectManifest({
      swSrc: bundled,
      swDest: swPath,
      globDirectory: dir,
      globPatterns: ['**/*'],
      globIgnores: NOT_PRECACHED,
      // A page of the course is a few hundred kilobytes at most; a bigger file is a mistake to hear of.
      maximumFileSizeToCacheInBytes: 4 * 1024 * 1024,
      modifyURLPrefix: { '': `${basePath}/` },
      dontCacheBustURLsMatching: /\/_next\/static\/(?:chunks|media)\//,
    });
    return { count, size, warnings, swPath };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * @param {string[]} argv
 * @returns {{ dir: string, basePath: string }}
 */
function parseArgs(argv) {
  const fromEnv = deployConfig(process.env);
  let dir = fromEnv.exportDir;
  let basePath = fromEnv.basePath;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--base') basePath = normalizeBasePath(argv[++i]);
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: node cli/build-sw.mjs [DIR] [--base PATH]');
      process.exit(0);
    } else if (arg !== undefined && !arg.startsWith('-')) dir = arg;
    else throw new Error(`Unknown option: ${arg}`);
  }
  return { dir, basePath };
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const { count, size, warnings, swPath } = await buildServiceWorker(options);
  for (const w of warnings) console.warn(`build-sw: ${w}`);
  console.log(
    `build-sw: ${path.relative(process.cwd(), swPath)} precaches ${count} files (${(size / 1024 / 1024).toFixed(1)} MB) under ${options.basePath || '/'}`,
  );
}

const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  main().catch((error) => {
    console.error(`build-sw: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
