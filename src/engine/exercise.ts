/**
 * Exercises and their grading. An exercise's checks are the grade: each is either "this rule
 * reports nothing" or a structural assertion on the model. Findings of other rules are returned
 * separately, so the page can show them subdued, labelled with the lesson that teaches them.
 */
import { assertions, type AssertionParams } from './assertions.ts';
import { errorText, lintWithModel, type LintOptions } from './lint.ts';
import type { DockerfileModel } from './model.ts';
import type { ContextFile, Finding, LintInput } from './types.ts';
import { learnerDockerignore } from './exercise-input.ts';
import { isMissingFromFinding } from './rules/dockerfile-syntax.ts';

export interface RuleCheck {
  kind: 'rule';
  /** Shown in the checklist: what the learner must achieve, in their words. */
  label: string;
  rule: string;
}

export interface AssertCheck {
  kind: 'assert';
  label: string;
  assert: string;
  params?: AssertionParams;
}

export type Check = RuleCheck | AssertCheck;

export interface ExerciseFileVersions {
  starter: string;
  solution: string;
}

export interface DockerignoreVersions extends ExerciseFileVersions {
  /**
   * The project starts without a .dockerignore (the folder has a solution.dockerignore but no
   * starter.dockerignore): the tab opens empty, and while it is blank the build has no .dockerignore.
   */
  absentAtStart?: boolean;
}

/** The preview panel an exercise opens first under its editor (exercise.json `preview`). */
export type PreviewPanel = 'context' | 'image' | 'layers' | 'cache';

export interface Exercise {
  /** `<lesson slug>/<exercise folder>`, e.g. `02-pin-base-images/01-name-a-version`. */
  id: string;
  lesson: string;
  title: string;
  /** What to do, in one or two sentences (Markdown inline syntax allowed: `code`, **bold**). */
  prompt: string;
  files: {
    dockerfile: ExerciseFileVersions;
    dockerignore?: DockerignoreVersions;
  };
  /** The virtual project the Dockerfile builds, for build-context and image checks. */
  context?: ContextFile[];
  /** The preview panel open at first; without it the panels are offered closed. */
  preview?: PreviewPanel;
  checks: Check[];
  hints: string[];
}

export interface CheckResult {
  label: string;
  passed: boolean;
  /** Why it fails, when it does: the findings' messages or the assertion's explanation. */
  detail?: string;
  /** The findings behind a failing rule check. */
  findings: Finding[];
}

export interface GradeResult {
  checks: CheckResult[];
  passed: number;
  total: number;
  complete: boolean;
  /** Findings of rules the exercise does not grade. */
  others: Finding[];
  /** Every finding, graded or not. */
  findings: Finding[];
}

export function inputOf(exercise: Exercise, which: 'starter' | 'solution'): LintInput {
  const ignore = exercise.files.dockerignore;
  return {
    dockerfile: exercise.files.dockerfile[which],
    ...(ignore ? learnerDockerignore(ignore[which], ignore.absentAtStart) : {}),
    ...(exercise.context ? { context: exercise.context } : {}),
  };
}

export function grade(exercise: Pick<Exercise, 'checks' | 'context'>, input: LintInput, options: LintOptions = {}): GradeResult {
  const files: LintInput = exercise.context && !input.context ? { ...input, context: exercise.context } : input;
  const { findings, model } = lintWithModel(files, options);
  const graded = new Set<string>();
  const checks = exercise.checks.map((check) => evaluate(check, findings, model, files, graded));
  const passed = checks.filter((c) => c.passed).length;
  // without a FROM every check already says "Write a FROM instruction first": the finding saying so is not repeated
  const noStage = !model || model.stages.length === 0;
  const others = findings.filter((f) => !graded.has(f.rule) && !(noStage && isMissingFromFinding(f)));
  return { checks, passed, total: checks.length, complete: passed === checks.length && checks.length > 0, others, findings };
}

/**
 * Rules that judge what a file says, and say nothing while the file is missing, because another rule
 * reports that. A check of one cannot pass then: "`.git` stays out of the context" is not true yet.
 */
const NEEDS_FILE: Readonly<Record<string, { missing: string; detail: string }>> = {
  'dockerignore-excludes': { missing: 'dockerignore-present', detail: 'There is no .dockerignore yet, so nothing is kept out of the build context. Write one.' },
};

function evaluate(check: Check, findings: Finding[], model: DockerfileModel | undefined, input: LintInput, graded: Set<string>): CheckResult {
  if (check.kind === 'rule') {
    graded.add(check.rule);
    if (!model || model.stages.length === 0) {
      return { label: check.label, passed: false, detail: 'Write a FROM instruction first: there is no image to judge yet.', findings: [] };
    }
    const mine = findings.filter((f) => f.rule === check.rule);
    const parseFailed = findings.some((f) => f.rule === 'parse-error' || f.rule === 'engine-error');
    if (parseFailed && mine.length === 0) {
      return { label: check.label, passed: false, detail: 'The file could not be checked; see the error above.', findings: [] };
    }
    const needs = NEEDS_FILE[check.rule];
    if (needs && mine.length === 0 && findings.some((f) => f.rule === needs.missing)) {
      return { label: check.label, passed: false, detail: needs.detail, findings: [] };
    }
    return { label: check.label, passed: mine.length === 0, detail: mine[0]?.message, findings: mine };
  }
  const fn = assertions[check.assert];
  if (!fn) return { label: check.label, passed: false, detail: `Unknown assertion "${check.assert}".`, findings: [] };
  if (!model) return { label: check.label, passed: false, detail: 'The Dockerfile could not be read.', findings: [] };
  try {
    const r = fn(model, check.params ?? {}, input, findings);
    return { label: check.label, passed: r.passed, detail: r.passed ? undefined : r.detail, findings: [] };
  } catch (err) {
    return { label: check.label, passed: false, detail: `This check failed to run: ${errorText(err)}`, findings: [] };
  }
}
