/**
 * parse.ts runs dockerfile-ast's Parser with plain instructions, skipping the eager work of the
 * public parse's instruction classes. Everything the model reads from the parse must be what the
 * public `DockerfileParser.parse` gives: the instructions found and where, their keywords, heredocs,
 * the comments, the parser directives and the escape character. Checked on real files, on every
 * lesson file, on shapes that trip parsers, and on generated text full of heredocs, continuations,
 * comments, escapes and CRLFs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DockerfileParser, type Dockerfile, type Heredoc, type Instruction } from 'dockerfile-ast';
import { parseDockerfile } from '../../src/engine/parse.ts';
import { readExerciseFiles } from '../helpers/exercises.ts';
import { TRICKY_DOCKERFILES, trickyDockerfile } from '../helpers/tricky-dockerfiles.ts';

const CORPUS = new URL('../fixtures/dockerfiles/', import.meta.url).pathname;

/** An instruction's heredocs, or 'throws' (dockerfile-ast throws on some text, such as `RUN \\ \n\\# c`; the model reads none then). */
function heredocsOf(ins: Instruction) {
  try {
    // public on RUN, COPY and ADD, protected on the base class: the model calls it on any instruction with `<<`
    return (ins as unknown as { getHeredocs(): Heredoc[] })
      .getHeredocs()
      .map((h) => ({ name: h.getName(), nameRange: h.getNameRange(), content: h.getContentRange(), delimiter: h.getDelimiterRange() }));
  } catch {
    return 'throws';
  }
}

/** What model.ts reads from a parse, as plain data. */
function readings(ast: Dockerfile) {
  return {
    escapeChar: ast.getEscapeCharacter(),
    instructions: ast.getInstructions().map((ins: Instruction) => ({
      keyword: ins.getKeyword(),
      written: ins.getInstruction(),
      range: ins.getRange(),
      keywordRange: ins.getInstructionRange(),
      heredocs: heredocsOf(ins),
    })),
    comments: ast.getComments().map((c) => ({ content: c.getContent(), range: c.getRange() })),
    directives: ast.getDirectives().map((d) => ({ name: d.getName(), value: d.getValue(), range: d.getRange() })),
  };
}

const same = (text: string) => expect(readings(parseDockerfile(text))).toEqual(readings(DockerfileParser.parse(text)));

describe('parseDockerfile reads what DockerfileParser.parse reads', () => {
  it('on the real-world corpus', () => {
    const files = readdirSync(CORPUS).filter((n) => n.endsWith('Dockerfile'));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) same(readFileSync(join(CORPUS, f), 'utf8'));
  });

  it('on every lesson file', () => {
    for (const [path, text] of Object.entries(readExerciseFiles())) if (path.endsWith('Dockerfile')) same(text);
  });

  it('on shapes that trip parsers', () => {
    for (const text of TRICKY_DOCKERFILES) same(text);
  });

  it('on generated text', () => {
    fc.assert(fc.property(trickyDockerfile, (text) => void same(text)), { numRuns: 3000 });
  });
});
