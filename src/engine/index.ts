/** The engine's public surface, shared by the browser, the worker, the CLI and the tests. */
export { lint, lintWithModel, resolveConfig, type LintOptions, type LintResult } from './lint.ts';
export { buildModel, type DockerfileModel, type Stage, type Instruction } from './model.ts';
export { allRules, rulesById } from './rules/index.ts';
export { defineRule, type Rule, type RuleContext, type RuleVisitor } from './rule.ts';
export { applyEdits, applyFixes, fileOfFix, fixesOf } from './fix.ts';
export { grade, inputOf, type Exercise, type Check, type GradeResult, type CheckResult } from './exercise.ts';
export { assertionInfo } from './assertions.ts';
export {
  analyzeBuild,
  computeBuildContext,
  copyInstructions,
  describeBuildContext,
  resolveCopies,
  BuildContext,
  type BuildAnalysis,
  type BuildContextReport,
  type ContextEntry,
  type CopyInstruction,
  type CopySource,
  type ExcludedFile,
  type ResolvedCopy,
  type ResolvedSource,
  type SourceStatus,
} from './context.ts';
export { DockerignoreMatcher, parseDockerignore, type Dockerignore, type DockerignoreProblem, type IgnoreMatch, type IgnorePattern } from './dockerignore.ts';
export type * from './types.ts';
export { previewImage } from './image/index.ts';
