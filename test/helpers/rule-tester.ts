/**
 * RuleTester in the spirit of ESLint's: a rule's cases are two lists, valid and invalid. Invalid
 * cases state every finding with one-based line/column positions (as editors and the CLI show
 * them), and, for fixable rules, the text after applying every fix.
 */
import { describe, expect, it } from 'vitest';
import { applyFixes, fixesOf, lint, type LintConfig, type LintInput, type Rule } from '../../src/engine/index.ts';

export interface ExpectedFinding {
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** A substring (or pattern) the message must contain. */
  message?: string | RegExp;
  file?: 'Dockerfile' | '.dockerignore';
}

export interface ValidCase {
  name?: string;
  code: string;
  dockerignore?: string;
  context?: LintInput['context'];
  config?: LintConfig;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Text after applying all of this rule's fixes; omit for rules without fixes. */
  output?: string;
  /**
   * The .dockerignore after applying this rule's .dockerignore fixes, pass after pass until none
   * is left (as `--fix` does: fixes that insert at the same place apply one per pass).
   */
  dockerignoreOutput?: string;
}

function inputOf(c: ValidCase): LintInput {
  return {
    dockerfile: c.code,
    ...(c.dockerignore !== undefined ? { dockerignore: c.dockerignore } : {}),
    ...(c.context ? { context: c.context } : {}),
  };
}

export function runRuleTests(rule: Rule, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  describe(rule.meta.id, () => {
    it('has complete metadata', () => {
      expect(rule.meta.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.meta.title.length).toBeGreaterThan(5);
      expect(rule.meta.why.length).toBeGreaterThan(40);
      expect(rule.meta.lesson).toMatch(/^\d\d-[a-z0-9-]+$/);
      expect(cases.valid.length).toBeGreaterThan(0);
      expect(cases.invalid.length).toBeGreaterThan(0);
    });

    for (const [i, c] of cases.valid.entries()) {
      it(`valid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = lint(inputOf(c), { rules: [rule], config: c.config });
        expect(found.map((f) => `${f.range.start.line + 1}:${f.range.start.character + 1} ${f.message}`)).toEqual([]);
      });
    }

    for (const [i, c] of cases.invalid.entries()) {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const found = lint(inputOf(c), { rules: [rule], config: c.config });
        const actual = found.map((f) => ({
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          file: f.file,
          message: f.message,
        }));
        expect(actual.length, `findings: ${JSON.stringify(actual, null, 1)}`).toBe(c.errors.length);
        c.errors.forEach((e, k) => {
          const a = actual[k];
          expect({ line: a.line, column: a.column }).toEqual({ line: e.line, column: e.column });
          if (e.endLine !== undefined) expect(a.endLine).toBe(e.endLine);
          if (e.endColumn !== undefined) expect(a.endColumn).toBe(e.endColumn);
          if (e.file) expect(a.file).toBe(e.file);
          if (e.message instanceof RegExp) expect(a.message).toMatch(e.message);
          else if (e.message) expect(a.message).toContain(e.message);
        });
        if (rule.meta.fixable && c.output !== undefined) {
          const fixed = applyFixes(c.code, fixesOf(found)).text;
          expect(fixed).toBe(c.output);
          // fixing is complete: the fixed text no longer triggers the fixed findings
          const again = lint({ ...inputOf(c), dockerfile: fixed }, { rules: [rule], config: c.config });
          expect(again.filter((f) => f.fix)).toEqual([]);
        }
        if (rule.meta.fixable && c.dockerignoreOutput !== undefined) {
          let ignore = c.dockerignore ?? '';
          for (let pass = 0; pass < 20; pass++) {
            const fixes = fixesOf(lint({ ...inputOf(c), dockerignore: ignore }, { rules: [rule], config: c.config }), '.dockerignore');
            if (fixes.length === 0) break;
            ignore = applyFixes(ignore, fixes).text;
          }
          expect(ignore).toBe(c.dockerignoreOutput);
          const again = lint({ ...inputOf(c), dockerignore: ignore }, { rules: [rule], config: c.config });
          expect(again.filter((f) => f.fix)).toEqual([]);
        }
        if (!rule.meta.fixable) expect(found.every((f) => !f.fix)).toBe(true);
      });
    }

    it('its documentation examples behave', () => {
      const { incorrect, correct, context, dockerignore } = rule.meta.examples;
      const example = (dockerfile: string, ignore: string | undefined): LintInput => ({
        dockerfile,
        ...(context ? { context } : {}),
        ...(ignore !== undefined ? { dockerignore: ignore } : {}),
      });
      expect(lint(example(incorrect, dockerignore?.incorrect), { rules: [rule] }).length).toBeGreaterThan(0);
      expect(lint(example(correct, dockerignore?.correct), { rules: [rule] })).toEqual([]);
    });
  });
}
