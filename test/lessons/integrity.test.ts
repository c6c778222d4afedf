/**
 * Lesson integrity: every exercise is solvable and not solved from the start, every check names
 * something the engine really evaluates, every lesson embeds exactly its own exercises, and every
 * rule is practised by some exercise.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { assertionInfo } from '../../src/engine/assertions.ts';
import { grade, inputOf } from '../../src/engine/exercise.ts';
import { allRules, rulesById } from '../../src/engine/rules/index.ts';
import { LESSONS_DIR, lessonSlugs, loadAllExercises } from '../helpers/exercises.ts';

const exercises = loadAllExercises();

describe('lessons', () => {
  it('exist, one folder per guideline, each with an index.mdx', () => {
    expect(lessonSlugs().length).toBeGreaterThan(0);
    for (const slug of lessonSlugs()) expect(existsSync(join(LESSONS_DIR, slug, 'index.mdx')), slug).toBe(true);
  });

  for (const slug of lessonSlugs()) {
    describe(slug, () => {
      const mdx = readFileSync(join(LESSONS_DIR, slug, 'index.mdx'), 'utf8');
      const embedded = [...mdx.matchAll(/<Exercise\s+id="([^"]+)"\s*\/>/g)].map((m) => m[1]);
      const own = [...exercises.values()].filter((e) => e.lesson === slug).map((e) => e.id);

      it('has at least two exercises and embeds each exactly once', () => {
        expect(own.length).toBeGreaterThanOrEqual(2);
        expect([...embedded].sort()).toEqual([...own].sort());
      });

      it('has frontmatter with part, order, minutes and objectives matching its folder', () => {
        const front = /^---\n([\s\S]*?)\n---/.exec(mdx)?.[1] ?? '';
        expect(front).toMatch(/^title: .+/m);
        expect(front).toMatch(/^description: .+/m);
        expect(front).toMatch(/^part: [1-4]$/m);
        expect(Number(/^order: (\d+)$/m.exec(front)?.[1])).toBe(Number(slug.slice(0, 2)));
        expect(front).toMatch(/^minutes: \d+$/m);
        expect(front).toMatch(/^objectives:\n(  - .+\n?){2,}/m);
      });
    });
  }
});

describe('exercises', () => {
  for (const ex of exercises.values()) {
    describe(ex.id, () => {
      it('checks name rules and assertions that exist, with valid parameters', () => {
        for (const c of ex.checks) {
          if (c.kind === 'rule') expect(rulesById.has(c.rule), `unknown rule ${c.rule}`).toBe(true);
          else {
            const info = assertionInfo[c.assert];
            expect(info, `unknown assertion ${c.assert}`).toBeDefined();
            for (const p of Object.keys(c.params ?? {})) expect(Object.keys(info.params), `assertion ${c.assert} has no parameter ${p}`).toContain(p);
          }
        }
      });

      it('the starter fails at least one check', () => {
        const result = grade(ex, inputOf(ex, 'starter'));
        expect(result.complete).toBe(false);
        expect(result.passed).toBeLessThan(result.total);
      });

      it('the reference solution passes every check', () => {
        const result = grade(ex, inputOf(ex, 'solution'));
        const failing = result.checks.filter((c) => !c.passed).map((c) => `${c.label}: ${c.detail}`);
        expect(failing).toEqual([]);
        expect(result.complete).toBe(true);
      });

      it('the solution does not trip a check-free internal error', () => {
        const result = grade(ex, inputOf(ex, 'solution'));
        expect(result.findings.filter((f) => f.rule === 'engine-error' || f.rule === 'parse-error')).toEqual([]);
      });

      it('has two or three hints and distinct check labels', () => {
        expect(ex.hints.length).toBeGreaterThanOrEqual(2);
        expect(ex.hints.length).toBeLessThanOrEqual(3);
        expect(new Set(ex.checks.map((c) => c.label)).size).toBe(ex.checks.length);
      });
    });
  }
});

/**
 * Rules no exercise can make a learner practise, each with the reason. A rule listed here is still
 * checked: once an exercise does practise it, this test asks for it to come off the list.
 */
const NOT_PRACTISED: Readonly<Record<string, string>> = {};

describe('rules', () => {
  /** Rule id -> the exercises that practise it: a rule check names it, and the starter triggers it. */
  const practisedBy = new Map<string, string[]>();
  for (const ex of exercises.values()) {
    const reported = new Set(grade(ex, inputOf(ex, 'starter')).findings.map((f) => f.rule));
    for (const c of ex.checks) {
      if (c.kind === 'rule' && reported.has(c.rule)) practisedBy.set(c.rule, [...(practisedBy.get(c.rule) ?? []), ex.id]);
    }
  }

  it('excused from practice are only rules that exist', () => {
    expect(Object.keys(NOT_PRACTISED).filter((id) => !rulesById.has(id))).toEqual([]);
  });

  for (const rule of allRules) {
    const { id, lesson } = rule.meta;
    it(`${id} is practised: a rule check of some exercise names it, and that exercise's starter triggers it`, () => {
      const by = practisedBy.get(id) ?? [];
      if (id in NOT_PRACTISED) {
        expect(by, `${id} is listed in NOT_PRACTISED, but ${by.join(', ')} practises it: take it off the list`).toEqual([]);
        return;
      }
      expect(
        by,
        `No exercise practises ${id}. Add a rule check for it to an exercise of lesson ${lesson} whose starter triggers it, ` +
          `or a new exercise there; if that is impossible, list it in NOT_PRACTISED with the reason.`,
      ).not.toEqual([]);
    });
  }
});
