/**
 * Property-based robustness of lint (the quick run; `npm run fuzz` runs 100,000+ cases): whatever
 * the Dockerfile, lint does not throw, finishes, is deterministic, reports findings inside the text
 * (and no engine-error), the shell words it judges point at real text, and its quick fixes keep the
 * file readable, add no error-severity rule and settle within the CLI's pass limit.
 *
 * The seed is fixed so CI is reproducible; FUZZ_SEED=<n> tries another one. A failure prints the
 * shrunk input: add it to regressions.test.ts once fixed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defineRule, lint, type Rule } from '../../../src/engine/index.ts';
import { rulesById } from '../../../src/engine/rules/index.ts';
import { dockerfile, hugeRun, lintInput, mutated, mutate, realDockerfiles } from '../../helpers/arbitraries.ts';
import { SLOW_LINT_MS, checkAllProperties, checkFindings, linesOf, rangeProblem } from '../../helpers/lint-properties.ts';

const seed = Number(process.env.FUZZ_SEED ?? 20261124);
const TIMEOUT = 120_000;

describe('lint on generated input (fast-check)', { timeout: TIMEOUT }, () => {
  it('holds every property on plausible, mutated, real and garbage input', () => {
    fc.assert(
      fc.property(lintInput, (input) => {
        checkAllProperties(input);
      }),
      { seed, numRuns: 1000 },
    );
  });

  it('holds every property on plausible Dockerfiles with a .dockerignore and a context', () => {
    fc.assert(
      fc.property(dockerfile, (text) => {
        checkAllProperties({ dockerfile: text, dockerignore: '.git\n*.log\n!keep.log\n', context: [{ path: 'main.py', size: 10 }, { path: '.git/HEAD', size: 5 }, { path: 'app.log', size: 1 }] });
      }),
      { seed: seed + 1, numRuns: 400 },
    );
  });

  it('holds every property on mutated real Dockerfiles', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        checkAllProperties({ dockerfile: text });
      }),
      { seed: seed + 2, numRuns: 400 },
    );
  });

  it('handles long runs of one character anywhere in a real file in time', () => {
    fc.assert(
      fc.property(fc.constantFrom(...realDockerfiles), hugeRun, fc.double({ min: 0, max: 1, noNaN: true }), (text, run, at) => {
        const input = mutate(text, [{ kind: 'insert', at, text: run }]);
        // the properties include the time limit per lint (SLOW_LINT_MS)
        checkAllProperties({ dockerfile: input });
      }),
      { seed: seed + 3, numRuns: 60 },
    );
  });
});

describe('lint on hostile input (examples)', { timeout: TIMEOUT }, () => {
  const cases: [string, string][] = [
    ['empty', ''],
    ['only a BOM', '\ufeff'],
    ['BOM before FROM', '\ufeffFROM alpine:3.20\nRUN apk add curl\n'],
    ['NUL bytes', 'FROM alpine\u0000:3.20\nRUN \u0000apk add curl\u0000\n\u0000'],
    ['only NUL bytes', '\u0000'.repeat(1000)],
    ['control bytes', 'FROM \u0001\u0002\u0003\u001b[31m\nRUN echo \u0007\u0008\u000b\u000c\n'],
    ['lone CR line ends', 'FROM alpine:3.20\rRUN apk add curl \\\r  && echo ok\rUSER 10001\r'],
    ['CRLF line ends', 'FROM alpine:3.20\r\nRUN apk add curl \\\r\n  && echo ok\r\nUSER 10001\r\n'],
    ['mixed line ends', 'FROM alpine:3.20\r\nRUN apk add curl \\\r  && echo ok\nUSER 10001\r'],
    ['lone high surrogate', 'FROM alpine:3.20\nRUN echo \ud800 && apk add curl\n'],
    ['lone low surrogate at the end', 'FROM alpine:3.20\nRUN echo \udc00'],
    ['reversed surrogates', 'FROM \udc00\ud800alpine\nCMD ["\ud83d"]\n'],
    ['escape switch to backtick', '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN powershell -Command `\n    Write-Host C:\\path\\ `\n    ; echo done\n'],
    ['escape switch not first', 'FROM alpine\n# escape=`\nRUN echo `\n  a\n'],
    ['escape backslash then backtick', '# escape=\\\n# escape=`\nFROM alpine\nRUN echo \\\n  a`\n'],
    ['unterminated heredoc', 'FROM alpine:3.20\nRUN <<EOF\napk add curl\necho "open\n'],
    ['unterminated heredoc in COPY', 'FROM alpine:3.20\nCOPY <<"EOF" /etc/x\nbody'],
    ['heredoc marker only', 'FROM alpine\nRUN <<'],
    ['unterminated quotes', 'FROM alpine:3.20\nRUN echo "a && apk add curl\nRUN echo \'b && apt-get install x\nCMD ["node\n'],
    ['unclosed substitution', 'FROM debian:12\nRUN apt-get update && echo $(uname && apt-get install -y curl\n'],
    ['bad substitution', 'FROM debian:12\nRUN echo ${ && apt-get install -y curl ${}\n'],
    ['continuation at end of file', 'FROM alpine\nRUN apk add curl \\'],
    ['only continuations', '\\\n\\\n\\\n'],
    ['flags without values', 'FROM --platform= alpine\nRUN --mount --mount= --= -- apk add x\nCOPY --from= --chown= . .\n'],
    ['JSON with NUL escapes', 'FROM alpine\nCMD ["a\\u0000b", "\\ud800"]\nENTRYPOINT ["unterminated\n'],
    ['a 200,000-character line', `FROM alpine:3.20\nRUN echo ${'a'.repeat(200_000)}\n`],
    ['200,000 quotes', `FROM alpine:3.20\nRUN echo ${'"'.repeat(200_001)}\n`],
    ['100,000 nested substitutions', `FROM alpine:3.20\nRUN echo ${'$('.repeat(50_000)}${')'.repeat(50_000)}\n`],
    ['10,000 lines', `FROM alpine:3.20\n${'RUN apk add --no-cache curl=8.9.1-r0\n'.repeat(10_000)}`],
    ['10,000 continuation lines', `FROM debian:12\nRUN apt-get update \\\n${'  && apt-get install -y --no-install-recommends curl=1 \\\n'.repeat(10_000)}  && true\n`],
    ['10,000 stages', 'FROM alpine:3.20 AS s\n'.repeat(10_000)],
  ];
  for (const [name, text] of cases) {
    it(name, () => {
      if (text.length > 100_000) {
        // the big ones: one lint within the time limit, well-formed findings (fixes are covered above)
        const started = performance.now();
        const findings = lint(text);
        expect(performance.now() - started).toBeLessThan(SLOW_LINT_MS);
        checkFindings({ dockerfile: text }, findings);
        return;
      }
      const { findings } = checkAllProperties({ dockerfile: text });
      // findings are well-formed whatever the text: spot-check one more time against the raw lines (a byte order mark included)
      for (const f of findings) expect(rangeProblem(f.range, linesOf(text)), f.rule).toBeNull();
    });
  }
});

describe('rule isolation', () => {
  const realRule = rulesById.get('no-latest-tag') as Rule;
  const throwing = (where: 'create' | 'instruction' | 'command' | 'stageEnd' | 'end'): Rule =>
    defineRule({
      meta: { ...realRule.meta, id: `throws-in-${where}`, fixable: false },
      create() {
        const boom = () => {
          throw new Error(`boom in ${where}`);
        };
        if (where === 'create') boom();
        return { [where]: boom };
      },
    });

  for (const where of ['create', 'instruction', 'command', 'stageEnd', 'end'] as const) {
    it(`a rule that throws in ${where} becomes one engine-error finding; the other rules still run`, () => {
      const input = 'FROM node:latest\nRUN npm ci\nCMD ["node", "server.js"]\n';
      const findings = lint(input, { rules: [throwing(where), realRule] });
      const errors = findings.filter((f) => f.rule === 'engine-error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toContain(`throws-in-${where}`);
      expect(errors[0].message).toContain(`boom in ${where}`);
      expect(errors[0].severity).toBe('error');
      expect(findings.filter((f) => f.rule === 'no-latest-tag')).toHaveLength(1);
      // the engine-error is itself a well-formed finding
      expect(() => checkFindings({ dockerfile: input }, errors.map((e) => ({ ...e, rule: 'reported' })))).not.toThrow();
    });
  }

  it('a rule that throws a non-Error value is isolated too', () => {
    const rule = defineRule({
      meta: { ...realRule.meta, id: 'throws-a-string' },
      create: () => ({
        instruction() {
          throw 'not an Error';
        },
      }),
    });
    const findings = lint('FROM node:latest\n', { rules: [rule, realRule] });
    expect(findings.map((f) => f.rule).sort()).toEqual(['engine-error', 'no-latest-tag']);
    expect(findings.find((f) => f.rule === 'engine-error')?.message).toContain('not an Error');
  });
});
