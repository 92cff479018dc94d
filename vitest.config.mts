import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': dirname(fileURLToPath(import.meta.url)),
    },
  },
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    // The machines have two cores: keep the unit tests to at most two workers.
    pool: 'threads',
    maxWorkers: 2,
    // Some tests replay every built-in lab or 20 seeds of an exercise; on a busy two-core machine
    // they need more than the default 5 s. Speed is measured in the benchmarks, never here.
    testTimeout: 30_000,
  },
});
