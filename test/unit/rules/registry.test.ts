/** The registry as a whole: ids, lessons, tests and fixes tie together, so docs and behaviour cannot drift. */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { applyFixes, fixesOf, lint } from '../../../src/engine/index.ts';
import { allRules } from '../../../src/engine/rules/index.ts';

const root = new URL('../../../', import.meta.url).pathname;
const curriculum = existsSync(`${root}../shared/CURRICULUM.md`) ? readFileSync(`${root}../shared/CURRICULUM.md`, 'utf8') : '';

describe('rule registry', () => {
  it('has unique kebab-case ids', () => {
    const ids = allRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const rule of allRules) {
    const { id, lesson, fixable, examples } = rule.meta;
    describe(id, () => {
      it('is taught by a lesson that exists and tested by its own file', () => {
        expect(existsSync(`${root}lessons/${lesson}/index.mdx`), `lessons/${lesson}`).toBe(true);
        expect(existsSync(`${root}test/unit/rules/${id}.test.ts`), `test/unit/rules/${id}.test.ts`).toBe(true);
      });
      if (fixable) {
        it('offers a fix on its incorrect example, and the fixed text no longer triggers it', () => {
          const ignore = examples.dockerignore?.incorrect;
          const input = { dockerfile: examples.incorrect, ...(ignore !== undefined ? { dockerignore: ignore } : {}), ...(examples.context ? { context: examples.context } : {}) };
          const found = lint(input, { rules: [rule] });
          expect(found.some((f) => f.fix), 'no fix offered on the incorrect example').toBe(true);
          const dockerfile = applyFixes(input.dockerfile, fixesOf(found)).text;
          const dockerignore = input.dockerignore !== undefined ? applyFixes(input.dockerignore, fixesOf(found, '.dockerignore')).text : undefined;
          const again = lint({ ...input, dockerfile, ...(dockerignore !== undefined ? { dockerignore } : {}) }, { rules: [rule] });
          expect(again.filter((f) => f.fix).map((f) => f.message)).toEqual([]);
        });
      }
    });
  }

  it('covers every rule the curriculum names', () => {
    if (!curriculum) return; // the shared curriculum travels beside the repository in CI, not inside it
    const named = new Set([...curriculum.matchAll(/\b([a-z]+(?:-[a-z0-9]+){1,6})\b/g)].map((m) => m[1]));
    const ours = new Set(allRules.map((r) => r.meta.id));
    const table = curriculum.split('\n').filter((l) => l.startsWith('| 0') || l.startsWith('| 1'));
    const cells = table.flatMap((l) => (l.split('|')[4] ?? '').replace(/\([^)]*\)/g, '').split(/[,;]/)).map((c) => c.trim().split(' ')[0]).filter((c) => /^[a-z]+(-[a-z0-9]+)+$/.test(c));
    expect(cells.length).toBeGreaterThan(30);
    expect(cells.filter((c) => named.has(c) && !ours.has(c))).toEqual([]);
  });
});
