/**
 * No regular expression of the engine may backtrack super-linearly on input a learner can type.
 *
 * 1. Static: every regex literal in src/engine/** (found by test/helpers/regex-literals.ts) goes
 *    through scslre, the analyser behind eslint-plugin-regexp's no-super-linear-backtracking, which
 *    finds polynomial and exponential backtracking (not only the star height safe-regex looks at).
 * 2. Run time: every RegExp the engine builds while linting the corpus and generated input (a
 *    `RegExp` proxy records them) goes through scslre too.
 * 3. End to end: long runs of one character in every place the regex-heavy paths read (comments,
 *    suppressions, paths, package specs, ports, shell words, .dockerignore lines) must lint in time
 *    and scale linearly: 10x the input may not take 100x the time.
 *
 * A report is only accepted with a reason in ACCEPTED, and each accepted one is timed on its attack
 * string, so the reason is checked, not trusted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { analyse } from 'scslre';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/index.ts';
import { lintInput, realDockerfiles } from '../../helpers/arbitraries.ts';
import { regexLiterals } from '../../helpers/regex-literals.ts';

const ENGINE = fileURLToPath(new URL('../../../src/engine/', import.meta.url));

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourcesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

function reportsOf(r: Found): string[] {
  const re = new RegExp(r.source, r.flags);
  return analyse(re, { reportTypes: { Move: true, Self: true, Trade: true } }).reports.map(
    (rep) => `${r.where} /${r.source}/${r.flags}: ${rep.exponential ? 'exponential' : 'polynomial'} ${rep.type} backtracking on ${JSON.stringify(rep.character.pick)}`,
  );
}

/** Best of three runs, in ms: the minimum is what the code costs, the rest is the machine. */
function timeOf(run: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let k = 0; k < 3; k++) {
    const started = performance.now();
    run();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Linear enough: at 10x the size it takes under 100x the time, or it is fast in absolute terms
 * (a quadratic regex at 20,000 characters takes seconds; a linear one well under 50 ms).
 */
function expectLinear(what: string, make: (n: number) => string, run: (input: string) => void, small = 2_000): void {
  const a = make(small);
  const b = make(small * 10);
  const ta = Math.max(timeOf(() => run(a)), 0.05);
  const tb = timeOf(() => run(b));
  expect(tb < 50 || tb / ta < 100, `${what}: ${ta.toFixed(2)} ms at ${a.length} chars, ${tb.toFixed(2)} ms at ${b.length} chars`).toBe(true);
}

/**
 * Reports checked and accepted, by `/source/flags`, each with its reason and an attack that shows
 * it: the attack string is timed like any other.
 */
const ACCEPTED: Record<string, { why: string; attack: (n: number) => string }> = {
  '/^([A-Za-z0-9][A-Za-z0-9._-]*)(\\[[^\\]]*\\])?\\s*(.*)$/s': {
    why: 'anchored, and `(.*)$` with the s flag matches whatever follows, so the first attempt always succeeds',
    attack: (n) => `${'A'.repeat(n)}${' '.repeat(n)}!`,
  },
  '/;.*$/s': { why: 'with the s flag `.*$` matches from the first `;` to the end: the first attempt succeeds', attack: (n) => `${';'.repeat(n)}\n!` },
};

describe('regex literals of the engine', () => {
  const literals: Found[] = sourcesUnder(ENGINE).flatMap((file) =>
    regexLiterals(readFileSync(file, 'utf8')).map((r) => ({ where: `${file.slice(ENGINE.length)}:${r.line}`, source: r.source, flags: r.flags })),
  );

  it('are all found and valid (the extractor does not lose its way)', () => {
    expect(literals.length).toBeGreaterThan(200);
    for (const r of literals) expect(() => new RegExp(r.source, r.flags), r.where).not.toThrow();
  });

  it('have no super-linear backtracking (scslre), apart from the accepted ones', () => {
    const problems = literals.filter((r) => !ACCEPTED[`/${r.source}/${r.flags}`]).flatMap(reportsOf);
    expect(problems).toEqual([]);
  });

  for (const [literal, { why, attack }] of Object.entries(ACCEPTED)) {
    it(`accepted ${literal}: ${why}`, () => {
      const at = literal.lastIndexOf('/');
      const re = new RegExp(literal.slice(1, at), literal.slice(at + 1));
      expect(literals.some((r) => `/${r.source}/${r.flags}` === literal), 'still in the engine (else drop it from ACCEPTED)').toBe(true);
      expectLinear(literal, attack, (s) => void re.exec(s));
    });
  }

  it('the analyser does catch what it must (so a pass means something)', () => {
    const flagged = (source: string, flags = '') => reportsOf({ where: 'probe', source, flags }).length > 0;
    expect(flagged('\\/+$')).toBe(true);
    expect(flagged('^#\\s*x\\s*=\\s*([a-z\\s]*?)\\s*$')).toBe(true);
    expect(flagged('(a+)+$')).toBe(true);
    expect(flagged('(?<!\\/)\\/+$')).toBe(false);
  });
});

describe('regexes the engine builds at run time', () => {
  const built = new Map<string, Found>();
  const original = globalThis.RegExp;
  beforeAll(() => {
    const record = (args: unknown[]) => {
      const [pattern, flags] = args as [string | RegExp, string | undefined];
      const source = typeof pattern === 'string' ? pattern : pattern.source;
      const f = flags ?? (typeof pattern === 'string' ? '' : pattern.flags);
      const stack = new Error().stack?.split('\n').find((l) => l.includes('/src/engine/')) ?? '';
      if (stack) built.set(`/${source}/${f}`, { where: stack.trim().replace(/^at /, ''), source, flags: f });
    };
    globalThis.RegExp = new Proxy(original, {
      construct(target, args, newTarget) {
        record(args);
        return Reflect.construct(target, args, newTarget) as RegExp;
      },
      apply(target, thisArg, args) {
        record(args);
        return Reflect.apply(target, thisArg, args) as RegExp;
      },
    });
    // exercise the engine: the corpus, and generated input with .dockerignore files and contexts
    for (const text of realDockerfiles) lint(text);
    for (const input of fc.sample(lintInput, { seed: 7, numRuns: 300 })) lint(input);
    lint({ dockerfile: 'FROM alpine\nCOPY . /app\n', dockerignore: '[[:alpha:]]*\n\\p{Greek}\n**/*.log\n!keep.log\n', context: [{ path: 'a.log', size: 1 }] });
  });
  afterAll(() => {
    globalThis.RegExp = original;
  });

  it('are recorded', () => {
    expect(built.size).toBeGreaterThan(0);
  });

  it('have no super-linear backtracking either', () => {
    const problems = [...built.values()].filter((r) => !ACCEPTED[`/${r.source}/${r.flags}`]).flatMap(reportsOf);
    expect(problems).toEqual([]);
  });
});

describe('regex-heavy paths on pathological input scale linearly', { timeout: 120_000 }, () => {
  const lintTime = (dockerfile: string, dockerignore?: string) => () =>
    void lint({ dockerfile, ...(dockerignore !== undefined ? { dockerignore, context: [{ path: 'main.py', size: 1 }] } : {}) });
  const cases: [string, (n: number) => string][] = [
    ['a suppression comment of blanks', (n) => `# shipshape ignore=${' '.repeat(n)}!\nFROM alpine:3.20\n`],
    ['a hadolint comment of blanks', (n) => `FROM alpine:3.20\n# hadolint ignore=${' '.repeat(n)}!\nRUN true\n`],
    ['a COPY source of slashes', (n) => `FROM alpine:3.20\nCOPY ${'/'.repeat(n)}x /app/\n`],
    ['an ADD URL of ? and #', (n) => `FROM alpine:3.20\nADD https://example.com/${'?#'.repeat(n)}\n /x\n`],
    ['a WORKDIR of slashes', (n) => `FROM alpine:3.20\nWORKDIR /${'/'.repeat(n)}x\nCMD ["sh", "-c", "ls"]\n`],
    ['an EXPOSE of slashes', (n) => `FROM nginx:1.27\nEXPOSE 80${'/'.repeat(n)}tcp\n`],
    ['apk specs of < and blanks', (n) => `FROM alpine:3.20\nRUN apk add "curl${' '.repeat(n)}<" ${'<'.repeat(n)}\n`],
    ['a pip requirement of # and @', (n) => `FROM python:3.13\nRUN pip install "git+https://h/${'#'.repeat(n)}@" a/${'#'.repeat(n)}\n`],
    ['npm shorthands of #', (n) => `FROM node:22\nRUN npm install user/${'#'.repeat(n)}\n`],
    ['a sh -c flag of c', (n) => `FROM alpine:3.20\nCMD ["sh", "-${'c'.repeat(n)}!", "echo"]\n`],
    ['backquotes before curl', (n) => `FROM alpine:3.20\nRUN echo ${'`'.repeat(n)} curl x | sh\n`],
    ['command substitutions', (n) => `FROM alpine:3.20\nRUN echo ${'$('.repeat(n)}\n`],
    ['a COPY glob of [', (n) => `FROM alpine:3.20\nCOPY ${'['.repeat(n)}.pem /k/\n`],
    ['a RUN of blanks and quotes', (n) => `FROM alpine:3.20\nRUN echo ${' "'.repeat(n)}\n`],
    ['a line of backslashes', (n) => `FROM alpine:3.20\nRUN echo ${'\\'.repeat(n)}x\n`],
    ['ENV of = signs', (n) => `FROM alpine:3.20\nENV A${'='.repeat(n)}\n`],
    ['a FROM of colons', (n) => `FROM a${':'.repeat(n)}b\n`],
    ['a secret-looking value', (n) => `FROM alpine:3.20\nENV TOKEN=ghp_${'a'.repeat(n)}\nRUN curl -u ${'a:'.repeat(n)}\n`],
  ];
  for (const [name, make] of cases) {
    it(name, () => expectLinear(name, make, (text) => lintTime(text)()));
  }
  it('.dockerignore lines of long runs, sized', () => {
    for (const unit of ['**/', '[', '*', '\\', '!', '?a']) {
      expectLinear(`.dockerignore of ${unit}`, (n) => `${unit.repeat(Math.ceil(n / unit.length))}\n`, (ignore) => lintTime('FROM alpine:3.20\nCOPY . /app\n', ignore)(), 500);
    }
  });
});
