/** Every rule of the catalog has tests that break it and keep it (test/sim/rules/rules/*.test.ts name it). */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { RULES } from '@/sim/rules';

it('every rule id is exercised by a rule test', () => {
  const dir = path.join(__dirname, 'rules');
  const text = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
  const untested = RULES.map((r) => r.id).filter(
    (id) => !text.includes(`'${id}'`) && !text.includes(`'${id}',`),
  );
  expect(untested).toEqual([]);
});
