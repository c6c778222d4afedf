/**
 * The rule API. A rule is metadata plus `create(context)`, which returns handlers the engine calls
 * during one shared walk of the model (the ESLint shape). Rules that need state across instructions
 * (hadolint's "stateful" kind) keep it in the closure of `create` and report in `stage` or `end`.
 */
import type { DockerfileModel, Instruction, Stage } from './model.ts';
import type { ShellCommand } from './shell.ts';
import type { FileKind, Fix, LintConfig, LintInput, Range, RuleMeta } from './types.ts';

export interface ReportDescriptor {
  range: Range;
  message: string;
  fix?: Fix;
  /** Defaults to the stage of the handler being run. */
  stage?: number;
  /** Defaults to the Dockerfile. */
  file?: FileKind;
}

export interface RuleContext {
  readonly model: DockerfileModel;
  readonly input: LintInput;
  readonly config: Required<LintConfig>;
  report(descriptor: ReportDescriptor): void;
}

export interface RuleVisitor {
  /** Called once per stage, before its instructions. */
  stage?(stage: Stage): void;
  /** Called for every instruction; `stage` is undefined for ARGs before the first FROM. */
  instruction?(ins: Instruction, stage: Stage | undefined): void;
  /** Called for every simple shell command of RUN instructions (shell form and heredoc scripts). */
  command?(cmd: ShellCommand, ins: Instruction, stage: Stage): void;
  /** Called after a stage's last instruction. */
  stageEnd?(stage: Stage): void;
  /** Called once, after the walk. */
  end?(): void;
}

export interface Rule {
  meta: RuleMeta;
  create(context: RuleContext): RuleVisitor;
}

/** Identity helper that gives rule files their types. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
