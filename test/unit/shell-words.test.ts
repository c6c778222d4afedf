/**
 * shell-words.ts is a copy of shell-quote's parser, for speed: it must return exactly what
 * shell-quote returns (with variables kept as `${NAME}`), and throw where it throws, on the shell text
 * of every corpus and lesson file and on generated text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as shellQuote } from 'shell-quote';
import { shellWords } from '../../src/engine/shell-words.ts';
import { readExerciseFiles } from '../helpers/exercises.ts';

const CORPUS = new URL('../fixtures/dockerfiles/', import.meta.url).pathname;
const keepVariables = (key: string): string => (key ? '${' + key + '}' : '$');

function outcome(run: () => unknown): unknown {
  try {
    return { value: run() };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

const same = (text: string) => expect(outcome(() => shellWords(text)), JSON.stringify(text)).toEqual(outcome(() => shellQuote(text, keepVariables)));

/** Every line of a file, and every instruction with its continuations joined: shell-like text. */
function pieces(file: string): string[] {
  return [file, ...file.split('\n'), ...file.replace(/\\\r?\n/g, ' ').split('\n')];
}

describe('shell-words matches shell-quote', () => {
  it('on the corpus and the lessons', () => {
    const files = [
      ...readdirSync(CORPUS)
        .filter((n) => n.endsWith('.Dockerfile'))
        .map((n) => readFileSync(join(CORPUS, n), 'utf8')),
      ...Object.entries(readExerciseFiles())
        .filter(([p]) => p.endsWith('.Dockerfile'))
        .map(([, t]) => t),
    ];
    for (const f of files) for (const p of pieces(f)) same(p);
  });

  it('on shapes that matter', () => {
    for (const text of [
      'apt-get install -y curl && rm -rf /var/lib/apt/lists/*',
      'echo "a $HOME ${PATH} \\" \\$ \\x" \'single $X\' $\'ansi\\n\\t\\x41\\u263a\\c?\\101\' $\'open',
      'a || b && c ; d | e & f ;; g |& h ;& i >> j 2>&1 <<< k <<- EOF << EOF <(x) >(y) <& <> >|',
      'echo ${} x', 'echo ${a${b}c} ${unclosed', 'echo $ $$ $? $@ $* $# $! $- $1 $_x9 $9a',
      'echo a#b # comment $X', '# only a comment', 'ls *.txt file?.log "quoted*" \\*', '',
      'a\\ b c\\\\d "e\\"f" \'g\\\'h\'', 'VAR=1 cmd --opt="x y" -- z', '"unterminated', "'unterminated",
      'echo $\'\\0end\' $\'a\\\'b\'', '\uE001\uE001 \uE003x',
    ])
      same(text);
  });

  it('on generated text', () => {
    const piece = fc.constantFrom(
      ' ', ' ', '\t', '\n', 'a', 'bc', '-x', '--y=z', '"', "'", '\\', '$', '${', '}', '{', '$(', ')', '(', '`', '#', '*', '?', '!',
      '&', '&&', '|', '||', ';', ';;', '<', '>', '>>', '<<', '<<<', '<&', '>&', '>|', '=', '$\'', '\\n', '\\x4', '\\c', '\uE001', '\uE003',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        same(parts.join(''));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        same(text);
      }),
      { numRuns: 2000 },
    );
  });
});
