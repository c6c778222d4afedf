/**
 * --fix: lint, apply every fix that does not overlap another, lint again, until nothing changes.
 * Fixes edit the Dockerfile or the .dockerignore; an ignore file that does not exist yet is
 * created from empty text.
 * Fixes that overlap wait for the next pass (applyFixes skips them), so a few passes pick up the
 * rest; the pass limit guards against two fixes that undo each other.
 */
import { applyFixes, fixesOf, lint, type Finding, type LintInput, type LintOptions } from '../engine/index.ts';

export const MAX_FIX_PASSES = 5;

export interface FixOutcome {
  /** The input after fixing; `dockerignore` is set when a fix created the file. */
  input: LintInput;
  /** Findings on the fixed input. */
  findings: Finding[];
  /** Fixes applied over all passes. */
  applied: number;
  /** Passes that changed something. */
  passes: number;
  dockerfileChanged: boolean;
  dockerignoreChanged: boolean;
  /** True when the pass limit stopped the loop while fixes still changed the text. */
  exhausted: boolean;
}

export function fixUntilStable(original: LintInput, options: LintOptions = {}): FixOutcome {
  let input = original;
  let findings = lint(input, options);
  let applied = 0;
  let passes = 0;
  let exhausted = false;
  for (;;) {
    // each fix edits one file (`fix.file`, the Dockerfile by default), in that file's positions
    const forDockerfile = fixesOf(findings, 'Dockerfile');
    const forIgnore = fixesOf(findings, '.dockerignore');
    if (forDockerfile.length === 0 && forIgnore.length === 0) break;
    if (passes === MAX_FIX_PASSES) {
      exhausted = true;
      break;
    }
    const dockerfile = applyFixes(input.dockerfile, forDockerfile);
    const ignore = forIgnore.length > 0 ? applyFixes(input.dockerignore ?? '', forIgnore) : undefined;
    const ignoreChanged = ignore !== undefined && (input.dockerignore === undefined ? ignore.applied > 0 : ignore.text !== input.dockerignore);
    if (dockerfile.text === input.dockerfile && !ignoreChanged) break;
    applied += dockerfile.applied + (ignoreChanged && ignore ? ignore.applied : 0);
    passes++;
    input = { ...input, dockerfile: dockerfile.text, ...(ignoreChanged && ignore ? { dockerignore: ignore.text } : {}) };
    findings = lint(input, options);
  }
  return {
    input,
    findings,
    applied,
    passes,
    dockerfileChanged: input.dockerfile !== original.dockerfile,
    dockerignoreChanged: input.dockerignore !== original.dockerignore,
    exhausted,
  };
}
