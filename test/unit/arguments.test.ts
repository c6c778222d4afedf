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
    for (const text of [
      'FROM alpine\nRUN apt-get update && \\\napt-get install -y curl\n',
      'FROM alpine\nRUN echo a \\ \n  # a comment\n  b \\\t\r\n  c\r\n',
      '# escape=`\nFROM mcr.microsoft.com/windows\nRUN echo `\n  C:\\path `\n  done\n',
      'FROM alpine\nRUN --mount=type=cache,target=/root/.cache --network=none pip install x\n',
      'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nCOPY --from=build --chown=1:1 --link /a /b\n',
      'FROM alpine\nHEALTHCHECK --interval=5s --timeout=3s CMD wget -q -O- http://localhost/ || exit 1\nHEALTHCHECK NONE\n',
      'FROM alpine\nCMD ["a", "b"]\nENTRYPOINT --not-a-flag x\nSHELL ["/bin/sh", "-c"]\n',
      'FROM alpine\nRUN a--b --flag x\nCOPY --chmod=\\=755 a b\nADD --x= y z\n',
      'FROM alpine\nRUN echo \\$HOME \\\\ \\\n\\\n\n  done\\',
      'FROM alpine\nENV A=1 \\\n    B="two words" \\\n#c\n    C=3\nLABEL a=b\nARG X\n',
      'FROM alpine\nRUN <<EOF\necho hi\nEOF\nCOPY <<"EOF" /x\ncontent\nEOF\n',
      'FROM alpine\r\nRUN a \\\r\n b \\ \r\n c\r\nUSER 1000\r\n',
      'FROM alpine\nRUN \\\n\n',
      'FROM alpine\nRUN echo one \\\n   \\\n two\n',
      'FROM alpine\nEXPOSE 80 \\ 443\nWORKDIR /a\\ b\nONBUILD RUN --x y\n',
    ])
      same(text);
  });

  it('on generated text', () => {
    const piece = fc.constantFrom(
      'RUN', 'COPY', 'FROM', 'HEALTHCHECK', 'CMD', 'ENV', 'run', 'ADD', 'ONBUILD', 'USER',
      ' ', ' ', '\t', '\n', '\r\n', '\r', '\\', '\\\n', '\\ \n', '\\\r\n', '`', '`\n', '#', '# c\n', '\n#x\n',
      '--', '--from=a', '--mount=type=cache', '=', 'CMD', 'NONE', 'x', 'abc', '"q w"', '$', '${A}', '<<EOF', 'EOF', '[', ']', ',', '"',
    );
    fc.assert(
      fc.property(fc.boolean(), fc.array(piece, { maxLength: 40 }), (backtick, pieces) => {
        const text = (backtick ? '# escape=`\n' : '') + 'FROM alpine\n' + pieces.join('');
        same(text);
      }),
      { numRuns: 3000 },
    );
  });
});
