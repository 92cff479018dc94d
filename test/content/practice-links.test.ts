/**
 * The lessons and the "be the element" exercises: each exercise is linked from the lesson that teaches
 * its topic (the lesson its definition names), and every link or <BeTheElement> in a lesson names an
 * exercise that exists.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listExercises } from '@/sim/exercise';

const dir = join(__dirname, '..', '..', 'content', 'lessons');
const lessons = readdirSync(dir)
  .filter((f) => f.endsWith('.mdx'))
  .map((f) => {
    const src = readFileSync(join(dir, f), 'utf8');
    const slug = /slug: '([^']+)'/.exec(src)?.[1] ?? '';
    const linked = new Set([
      ...[...src.matchAll(/\]\(\/practice\/([a-z0-9-]+)\/\)/g)].map((m) => m[1]!),
      ...[...src.matchAll(/<BeTheElement\s+exercise="([a-z0-9-]+)"/g)].map((m) => m[1]!),
    ]);
    return { file: f, slug, linked };
  });
const ids = new Set(listExercises().map((e) => e.id));

describe('lessons and exercises', () => {
  it.each(listExercises().map((e) => [e.id, e.lesson]))(
    'exercise %s is linked from its lesson "%s"',
    (id, lesson) => {
      const l = lessons.find((x) => x.slug === lesson);
      expect(l, `no lesson with slug ${lesson}`).toBeDefined();
      expect([...l!.linked]).toContain(id);
    },
  );

  it('links only to exercises that exist', () => {
    for (const l of lessons)
      for (const id of l.linked) expect(ids, `${l.file}: ${id}`).toContain(id);
  });
});
