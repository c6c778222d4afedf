/**
 * The worker builds each edit's model with an InstructionReuse, taking the instructions an edit did
 * not touch from the previous build. A model built that way must be the model built from scratch,
 * and lint must find the same: checked on every corpus and lesson file under sequences of random
 * edits (insertions and deletions anywhere, line breaks, continuations, heredoc markers, an escape
 * directive), as a learner's typing makes them.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildModel, InstructionReuse, type DockerfileModel } from '../../src/engine/model.ts';
import { lint } from '../../src/engine/lint.ts';
import { readExerciseFiles } from '../helpers/exercises.ts';

const CORPUS = new URL('../fixtures/dockerfiles/', import.meta.url).pathname;
const corpus = readdirSync(CORPUS)
  .filter((f) => f.endsWith('Dockerfile') || f.endsWith('.Dockerfile'))
  .map((f) => readFileSync(join(CORPUS, f), 'utf8'));
const lessons = Object.entries(readExerciseFiles()).filter(([name]) => name.endsWith('Dockerfile')).map(([, text]) => text);
const texts = [...corpus, ...lessons];

/** The model as plain data: what rules read (the memo slots on commands are not the model's meaning). */
function plain(model: DockerfileModel): unknown {
  return JSON.parse(
    JSON.stringify({ instructions: model.instructions, stages: model.stages, globalArgs: [...model.globalArgs], comments: model.comments, escapeChar: model.escapeChar }, (key, value) =>
      key === 'readings' ? undefined : value,
    ),
  );
}

const SNIPPETS = ['x', ' ', '\n', '\\\n', '#', '"', '$', '<<EOF\n', 'RUN echo hi\n', 'FROM alpine:3.20 AS b\n', '# escape=`\n', '&& ', '\r\n'];

function edit(text: string, at: number, del: number, insert: string): string {
  const i = Math.min(at, text.length);
  return text.slice(0, i) + insert + text.slice(i + Math.min(del, text.length - i));
}

describe('InstructionReuse', () => {
  it('reuses the untouched instructions of an edit at the end', () => {
    const reuse = new InstructionReuse();
    const text = corpus.find((t) => t.split('\n').length > 60)!;
    buildModel(text, reuse);
    const model = buildModel(`${text}\nLABEL x=1\n`, reuse);
    expect(reuse.reused).toBeGreaterThan(model.instructions.length - 3);
    expect(plain(model)).toEqual(plain(buildModel(`${text}\nLABEL x=1\n`)));
  });

  it('models built with reuse equal models built from scratch, edit after edit', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 12 }), insert: fc.constantFrom(...SNIPPETS, '') }), { minLength: 1, maxLength: 6 }),
        (start, edits) => {
          const reuse = new InstructionReuse();
          let text = start;
          buildModel(text, reuse);
          for (const e of edits) {
            text = edit(text, e.at % (text.length + 1), e.del, e.insert);
            const reused = buildModel(text, reuse);
            const fresh = buildModel(text);
            expect(plain(reused)).toEqual(plain(fresh));
            expect(lint(text, { model: reused })).toEqual(lint(text));
          }
        },
      ),
      { numRuns: 150 },
    );
  }, 180_000);
});
