/**
 * The corpus: every `*.Dockerfile` in test/fixtures/dockerfiles (official images, apps in many
 * languages, Windows with `# escape=\``, heredocs, `RUN --mount`, ONBUILD, odd formatting; sources
 * and licences in its README), plus every file under $SHIPSHAPE_CORPUS when that is set.
 *
 * Each file is linted through the engine with every robustness property (no crash, no engine-error
 * or parse-error, findings inside the text, deterministic, safe fixes). The findings of the
 * fixtures, as `rule line` per file, are compared with __snapshots__/findings.txt, so a change in
 * what the rules report on real files is reviewed in the diff, never accidental. After a deliberate
 * change: `npx vitest run test/unit/robustness/corpus.test.ts -u`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lint } from '../../../src/engine/index.ts';
import { checkAllProperties } from '../../helpers/lint-properties.ts';

const CORPUS = fileURLToPath(new URL('../../fixtures/dockerfiles/', import.meta.url));
const names = readdirSync(CORPUS)
  .filter((n) => n.endsWith('.Dockerfile'))
  .sort();
const texts = new Map(names.map((n) => [n, readFileSync(join(CORPUS, n), 'utf8')]));

/** Every regular file under dir, recursively, sorted. */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...filesUnder(path));
    else if (entry.isFile() || (entry.isSymbolicLink() && statSync(path).isFile())) out.push(path);
  }
  return out.sort();
}

describe('the Dockerfile corpus', { timeout: 60_000 }, () => {
  it('has at least 50 files with the shapes it is meant to cover', () => {
    expect(names.length).toBeGreaterThanOrEqual(50);
    const all = [...texts.values()];
    const some = (test: (t: string) => boolean, what: string) => expect(all.some(test), what).toBe(true);
    some((t) => /^# ?escape=`/i.test(t), 'a Windows file with # escape=`');
    some((t) => /^RUN[^\n]*<<-?["']?[A-Z]+/m.test(t), 'a RUN heredoc');
    some((t) => /^COPY[^\n]*<</m.test(t), 'a COPY heredoc');
    some((t) => /^RUN --mount=type=(cache|secret|ssh|bind)/m.test(t), 'RUN --mount');
    some((t) => /^ONBUILD /m.test(t), 'ONBUILD');
    some((t) => /^ARG [^\n]*\n(?:ARG [^\n]*\n)*FROM [^\n]*\$\{/m.test(t), 'ARGs before a FROM that uses them');
    some((t) => (t.match(/^FROM /gim) ?? []).length >= 5, 'five or more stages');
    some((t) => t.includes('\r\n'), 'CRLF line ends');
    some((t) => t.charCodeAt(0) === 0xfeff, 'a byte order mark');
    some((t) => /^\s*(from|run|copy) /m.test(t), 'lower-case keywords');
  });

  for (const name of names) {
    it(`${name}: lints with every property`, () => {
      checkAllProperties({ dockerfile: texts.get(name)! });
    });
  }

  it('reports what __snapshots__/findings.txt records', async () => {
    const lines: string[] = [];
    for (const name of names) {
      const findings = lint(texts.get(name)!);
      lines.push(`${name} (${findings.length})`);
      for (const f of findings) lines.push(`  ${f.range.start.line + 1} ${f.rule}`);
    }
    await expect(`${lines.join('\n')}\n`).toMatchFileSnapshot('../../fixtures/dockerfiles/__snapshots__/findings.txt');
  });
});

const extra = process.env.SHIPSHAPE_CORPUS;
describe.runIf(extra)(`the corpus in $SHIPSHAPE_CORPUS (${extra ?? ''})`, { timeout: 600_000 }, () => {
  const files = extra ? filesUnder(extra) : [];
  it('has files', () => {
    expect(files.length).toBeGreaterThan(0);
  });
  for (const path of files) {
    it(path, () => {
      checkAllProperties({ dockerfile: readFileSync(path, 'utf8') });
    });
  }
});
