/** The engine's public surface, shared by the browser, the worker, the CLI and the tests. */
export { lint, lintWithModel, resolveConfig, type LintOptions, type LintResult } from './lint.ts';
export { buildModel, type DockerfileModel, type Stage, type Instruction } from './model.ts';
export { allRules, rulesById } from './rules/index.ts';
export { defineRule, type Rule, type RuleContext, type RuleVisitor } from './rule.ts';
export { applyEdits, applyFixes, fileOfFix, fixesOf } from './fix.ts';
export { grade, inputOf, type Exercise, type Check, type GradeResult, type CheckResult } from './exercise.ts';
export { assertionInfo } from './assertions.ts';
export type * from './types.ts';
