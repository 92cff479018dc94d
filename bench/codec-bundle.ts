/**
 * A bundled build of sim/codec, timed next to the tsx-loaded one.
 *
 * Why: `tsx` runs our TypeScript as CommonJS (package.json has no "type": "module") and esbuild's
 * CommonJS interop turns every cross-module reference (`is`, `TOKEN`, `CLASS`, ... from chars.ts)
 * into a call through two property getters (`__toCommonJS` / `__copyProps`), on every use, which
 * V8 does not inline well: in a CPU profile of the fair mode about 40 % of the time was in those
 * getters. The peers pay nothing like it: they are plain JavaScript, loaded as shipped. A bundle
 * (one scope, modules concatenated: what a production build of the app does) runs the same source
 * without that cost, so the benchmark reports both.
 *
 * esbuild is not a dependency of this project: it comes with tsx (and vite). If it cannot be loaded
 * the bundled rows are skipped, with the reason.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type * as Codec from '../sim/codec';

const requireFromHere = createRequire(import.meta.url);

interface EsbuildLike {
  version: string;
  buildSync(options: Record<string, unknown>): { errors: unknown[]; warnings: unknown[] };
}

export type CodecModule = typeof Codec;

export interface BundledCodec {
  codec: CodecModule;
  /** How it was built, for the report. */
  description: string;
}

/** Builds sim/codec/index.ts into one CommonJS file in the temp directory and loads it. */
export function loadBundledCodec(): BundledCodec | { skipped: string } {
  let esbuild: EsbuildLike;
  try {
    esbuild = requireFromHere('esbuild') as EsbuildLike;
  } catch (err) {
    return { skipped: `esbuild could not be loaded (${(err as Error).message.split('\n')[0]})` };
  }
  const entry = fileURLToPath(new URL('../sim/codec/index.ts', import.meta.url));
  const outfile = join(tmpdir(), `sip-codec-bench-${process.pid}.cjs`);
  try {
    esbuild.buildSync({
      entryPoints: [entry],
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'es2022',
      minify: false,
      outfile,
      logLevel: 'silent',
    });
    const codec = requireFromHere(outfile) as CodecModule;
    return {
      codec,
      description: `sim/codec/index.ts bundled by esbuild ${esbuild.version} (format cjs, target es2022, not minified) at start-up`,
    };
  } catch (err) {
    return { skipped: `bundling sim/codec failed: ${(err as Error).message.split('\n')[0]}` };
  } finally {
    rmSync(outfile, { force: true });
  }
}
