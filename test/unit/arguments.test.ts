/**
 * arguments.ts reads arguments, flags and argument text itself, for speed; dockerfile-ast is the
 * reference. The model must hold exactly what dockerfile-ast's own methods return, on real files,
 * on every lesson file and on generated text full of escapes, continuations, comments and CRLFs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import type { Flag, Instruction as AstInstruction } from 'dockerfile-ast';
import { buildModel, normalizeText } from '../../src/engine/model.ts';
import { readExerciseFiles } from '../helpers/exercises.ts';
import { TRICKY_DOCKERFILES, trickyDockerfile } from '../helpers/tricky-dockerfiles.ts';

const CORPUS = new URL('../fixtures/dockerfiles/', import.meta.url).pathname;

function expected(text: string) {
  // the model reads the text without its byte order mark, as Docker does
  return DockerfileParser.parse(normalizeText(text))
    .getInstructions()
    .map((ins: AstInstruction) => {
      const withFlags = ins as AstInstruction & { getFlags?: () => Flag[] };
      return {
        keyword: ins.getKeyword(),
        flags: typeof withFlags.getFlags === 'function' ? withFlags.getFlags().map((f) => ({ name: f.getName(), value: f.getValue(), range: f.getRange() })) : [],
        args: ins.getArguments().map((a) => ({ value: a.getValue(), range: a.getRange() })),
        argumentsRange: ins.getArgumentsRange(),
        argumentsText: ins.getArgumentsContent() ?? '',
      };
    });
}

function actual(text: string) {
  return buildModel(text).instructions.map((ins) => ({
    keyword: ins.keyword,
    flags: ins.flags,
    args: ins.args,
    argumentsRange: ins.argumentsRange,
    argumentsText: ins.argumentsText,
  }));
}

const same = (text: string) => expect(actual(text)).toEqual(expected(text));

describe('arguments read by the model match dockerfile-ast', () => {
  it('on the real-world corpus', () => {
    for (const f of readdirSync(CORPUS).filter((n) => n.endsWith('.Dockerfile'))) same(readFileSync(join(CORPUS, f), 'utf8'));
  });

  it('on every lesson file', () => {
    for (const [path, text] of Object.entries(readExerciseFiles())) if (path.endsWith('.Dockerfile')) same(text);
  });

  it('on shapes that trip parsers', () => {
    for (const text of TRICKY_DOCKERFILES) same(text);
  });

  it('on generated text', () => {
    fc.assert(fc.property(trickyDockerfile, (text) => void same(text)), { numRuns: 3000 });
  });
});
