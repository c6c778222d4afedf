/**
 * The capstone's prose promises a number: "Shipshape reports nineteen findings from nine lessons"
 * for the first exercise's starter. That number goes stale whenever a rule changes, so this test
 * reads it out of the MDX and grades the starter: if either side changes, it fails, and the
 * sentence gets updated together with the engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { grade, inputOf } from '../../src/engine/exercise.ts';
import { rulesById } from '../../src/engine/rules/index.ts';
import { LESSONS_DIR, loadAllExercises } from '../helpers/exercises.ts';

const CAPSTONE = '19-production-ready-status-page';
const EXERCISE = `${CAPSTONE}/01-ship-the-status-page`;

const UNITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve',
  'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];

/** `nineteen` -> 19, `twenty-three` -> 23, `7` -> 7; NaN for anything else. */
function numberOf(word: string): number {
  const w = word.toLowerCase();
  if (/^\d+$/.test(w)) return Number(w);
  if (UNITS.includes(w)) return UNITS.indexOf(w);
  const [tens, unit] = w.split('-');
  const t = TENS.indexOf(tens);
  if (t < 2) return NaN;
  if (unit === undefined) return t * 10;
  const u = UNITS.indexOf(unit);
  return u >= 1 && u <= 9 ? t * 10 + u : NaN;
}

describe('capstone prose', () => {
  const mdx = readFileSync(join(LESSONS_DIR, CAPSTONE, 'index.mdx'), 'utf8');
  const claim = /reports\s+([\w-]+)\s+findings\s+from\s+([\w-]+)\s+lessons/.exec(mdx);

  it('states how many findings the first exercise starts with', () => {
    expect(claim, 'the sentence "Shipshape reports <n> findings from <m> lessons" is gone from the capstone').not.toBeNull();
  });

  it('matches what the engine reports for the first exercise starter', () => {
    const ex = loadAllExercises().get(EXERCISE);
    expect(ex, `exercise ${EXERCISE} not found`).toBeDefined();
    const { findings } = grade(ex!, inputOf(ex!, 'starter'));
    const lessons = new Set(findings.map((f) => rulesById.get(f.rule)?.meta.lesson ?? `unknown rule ${f.rule}`));
    const said = { findings: numberOf(claim![1]), lessons: numberOf(claim![2]) };
    expect(Number.isNaN(said.findings) || Number.isNaN(said.lessons), `cannot read "${claim![0]}" as numbers`).toBe(false);
    expect(
      { findings: findings.length, lessons: lessons.size },
      `The capstone says "${claim![0]}", but the engine reports ${findings.length} findings from ${lessons.size} lessons ` +
        `(${[...lessons].sort().join(', ')}). Update the sentence in lessons/${CAPSTONE}/index.mdx.`,
    ).toEqual(said);
  });
});
