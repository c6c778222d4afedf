/**
 * lint(input) -> findings. Deterministic and total: a rule that throws is reported as an
 * `engine-error` finding and the other rules still run; input the parser cannot take becomes a
 * `parse-error` finding.
 */
import { buildModel, type DockerfileModel, type Instruction, type Stage } from './model.ts';
import type { Rule, RuleContext, RuleVisitor, ReportDescriptor } from './rule.ts';
import { allRules } from './rules/index.ts';
import { collectSuppressions, isSuppressed } from './suppressions.ts';
import { compareRanges } from './text.ts';
import type { Finding, LintConfig, LintInput, Range, RuleMeta, Severity } from './types.ts';
import { DEFAULT_TRUSTED_REGISTRIES } from './data/registries.ts';
import { EOL_CHECKED } from './data/eol.ts';

export interface LintOptions {
  config?: LintConfig;
  /** Run only these rules (the default is every rule). */
  rules?: readonly Rule[];
  /** A model already built from the same text, to avoid parsing twice. */
  model?: DockerfileModel;
}

export interface LintResult {
  findings: Finding[];
  model: DockerfileModel | undefined;
}

const START: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function resolveConfig(config: LintConfig | undefined): Required<LintConfig> {
  return {
    rules: config?.rules ?? {},
    trustedRegistries: config?.trustedRegistries ?? DEFAULT_TRUSTED_REGISTRIES,
    asOf: config?.asOf ?? EOL_CHECKED,
  };
}

export function lint(input: LintInput | string, options: LintOptions = {}): Finding[] {
  return lintWithModel(input, options).findings;
}

export function lintWithModel(input: LintInput | string, options: LintOptions = {}): LintResult {
  const files: LintInput = typeof input === 'string' ? { dockerfile: input } : input;
  const config = resolveConfig(options.config);
  let model: DockerfileModel;
  try {
    model = options.model ?? buildModel(typeof files.dockerfile === 'string' ? files.dockerfile : String(files.dockerfile ?? ''));
  } catch (err) {
    return {
      findings: [
        {
          rule: 'parse-error',
          severity: 'error',
          message: `The Dockerfile could not be read: ${errorText(err)}`,
          range: START,
          file: 'Dockerfile',
          lesson: '',
        },
      ],
      model: undefined,
    };
  }

  const rules = options.rules ?? allRules;
  const findings: Finding[] = [];
  const run = new Run(model, files, config, findings);
  // each hook's handlers, collected once rather than looked up for every node of the walk
  const onStage: Handler<'stage'>[] = [];
  const onInstruction: Handler<'instruction'>[] = [];
  const onCommand: Handler<'command'>[] = [];
  const onStageEnd: Handler<'stageEnd'>[] = [];
  const onEnd: Handler<'end'>[] = [];

  // most lints set no rule: then no rule's id is looked up in the (empty) settings
  const settings = Object.keys(config.rules).length > 0 ? config.rules : undefined;
  for (const rule of rules) {
    const setting = settings?.[rule.meta.id];
    if (setting === 'off') continue;
    const context = new Context(run, rule, setting ?? rule.meta.severity);
    let visitor: RuleVisitor;
    try {
      visitor = rule.create(context);
    } catch (err) {
      run.fail(context, err);
      continue;
    }
    if (visitor.stage) onStage.push({ context, visitor, fn: visitor.stage });
    if (visitor.instruction) onInstruction.push({ context, visitor, fn: visitor.instruction });
    if (visitor.command) onCommand.push({ context, visitor, fn: visitor.command });
    if (visitor.stageEnd) onStageEnd.push({ context, visitor, fn: visitor.stageEnd });
    if (visitor.end) onEnd.push({ context, visitor, fn: visitor.end });
  }

  const visitStage = (list: Handler<'stage'>[] | Handler<'stageEnd'>[], stage: Stage) => {
    for (const h of list) {
      if (h.context.failed) continue;
      try {
        h.fn.call(h.visitor, stage);
      } catch (err) {
        run.fail(h.context, err);
      }
    }
  };
  const visitInstruction = (ins: Instruction, stage: Stage | undefined) => {
    for (const h of onInstruction) {
      if (h.context.failed) continue;
      try {
        h.fn.call(h.visitor, ins, stage);
      } catch (err) {
        run.fail(h.context, err);
      }
    }
  };

  // ARGs before the first FROM
  for (const ins of model.instructions) {
    if (ins.stageIndex !== -1) break;
    visitInstruction(ins, undefined);
  }
  for (const stage of model.stages) {
    run.currentStage = stage.index;
    visitStage(onStage, stage);
    visitInstruction(stage.from, stage);
    for (const ins of stage.instructions) {
      visitInstruction(ins, stage);
      if (ins.keyword !== 'RUN' || onCommand.length === 0) continue;
      for (const cmd of ins.commands) {
        for (const h of onCommand) {
          if (h.context.failed) continue;
          try {
            h.fn.call(h.visitor, cmd, ins, stage);
          } catch (err) {
            run.fail(h.context, err);
          }
        }
      }
    }
    visitStage(onStageEnd, stage);
  }
  run.currentStage = undefined;
  for (const h of onEnd) {
    if (h.context.failed) continue;
    try {
      h.fn.call(h.visitor);
    } catch (err) {
      run.fail(h.context, err);
    }
  }

  const suppressions = collectSuppressions(model);
  let kept = findings;
  if (suppressions.length > 0 && findings.length > 0) {
    // a suppression may name a rule by its hadolint ids: those are in the rule's metadata
    const metaById = new Map<string, RuleMeta>();
    for (const rule of rules) metaById.set(rule.meta.id, rule.meta);
    kept = findings.filter((f) => !isSuppressed(f, metaById.get(f.rule), suppressions));
  }
  kept.sort((a, b) => (a.file === b.file ? 0 : a.file === 'Dockerfile' ? -1 : 1) || compareRanges(a.range, b.range) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message));
  // the model reads the text without its byte order mark, as Docker does; findings and fixes are in the input's own coordinates
  if (typeof files.dockerfile === 'string' && files.dockerfile.charCodeAt(0) === 0xfeff) kept = kept.map(afterByteOrderMark);
  return { findings: kept, model };
}

/** A Dockerfile finding moved one character right on the first line, past the byte order mark the model does not see. */
function afterByteOrderMark(finding: Finding): Finding {
  if (finding.file !== 'Dockerfile') return finding;
  const fix = finding.fix && (finding.fix.file ?? 'Dockerfile') === 'Dockerfile' ? { ...finding.fix, edits: finding.fix.edits.map((e) => ({ ...e, range: pastMark(e.range) })) } : finding.fix;
  return { ...finding, range: pastMark(finding.range), ...(fix ? { fix } : {}) };
}

function pastMark(range: Range): Range {
  const at = (p: Range['start']) => (p.line === 0 ? { line: 0, character: p.character + 1 } : p);
  return { start: at(range.start), end: at(range.end) };
}

/** One hook of one rule's visitor. */
interface Handler<K extends keyof RuleVisitor> {
  context: Context;
  visitor: RuleVisitor;
  fn: NonNullable<RuleVisitor[K]>;
}

/** The state of one lint: where findings go and which stage the walk is in. */
class Run {
  currentStage: number | undefined = undefined;
  readonly model: DockerfileModel;
  readonly input: LintInput;
  readonly config: Required<LintConfig>;
  readonly findings: Finding[];
  constructor(model: DockerfileModel, input: LintInput, config: Required<LintConfig>, findings: Finding[]) {
    this.model = model;
    this.input = input;
    this.config = config;
    this.findings = findings;
  }

  /** A rule that throws is reported once and skipped for the rest of the walk. */
  fail(context: Context, err: unknown): void {
    if (context.failed) return;
    context.failed = true;
    this.findings.push({
      rule: 'engine-error',
      severity: 'error',
      message: `Rule ${context.rule.meta.id} failed on this file and was skipped (${errorText(err)}); the other rules ran. Please report this.`,
      range: START,
      file: 'Dockerfile',
      lesson: '',
    });
  }
}

/** What a rule's `create` receives: a class, so that 60 rules per lint cost 60 small objects and no closures. */
class Context implements RuleContext {
  failed = false;
  readonly model: DockerfileModel;
  readonly input: LintInput;
  readonly config: Required<LintConfig>;
  readonly rule: Rule;
  private readonly run: Run;
  private readonly severity: Severity;
  constructor(run: Run, rule: Rule, severity: Severity) {
    this.run = run;
    this.rule = rule;
    this.severity = severity;
    this.model = run.model;
    this.input = run.input;
    this.config = run.config;
  }

  report(d: ReportDescriptor): void {
    const stage = d.stage ?? this.run.currentStage;
    const finding: Finding = {
      rule: this.rule.meta.id,
      severity: this.severity,
      message: d.message,
      range: d.range,
      file: d.file ?? 'Dockerfile',
      lesson: this.rule.meta.lesson,
    };
    if (stage !== undefined) finding.stage = stage;
    if (d.fix) finding.fix = d.fix;
    this.run.findings.push(finding);
  }
}

/** The message of something thrown (an Error's message, anything else as text). */
export function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
