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
import type { Finding, LintConfig, LintInput, Range, RuleMeta } from './types.ts';
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

  const rules = (options.rules ?? allRules).filter((r) => config.rules[r.meta.id] !== 'off');
  const findings: Finding[] = [];
  const metaById = new Map<string, RuleMeta>();
  const active: { rule: Rule; visitor: RuleVisitor; failed: boolean }[] = [];
  let currentStage: number | undefined;

  const fail = (entry: (typeof active)[number], err: unknown) => {
    if (entry.failed) return;
    entry.failed = true;
    findings.push({
      rule: 'engine-error',
      severity: 'error',
      message: `Rule ${entry.rule.meta.id} failed on this file and was skipped (${errorText(err)}); the other rules ran. Please report this.`,
      range: START,
      file: 'Dockerfile',
      lesson: '',
    });
  };

  for (const rule of rules) {
    metaById.set(rule.meta.id, rule.meta);
    const setting = config.rules[rule.meta.id];
    const severity = setting && setting !== 'off' ? setting : rule.meta.severity;
    const entry = { rule, visitor: {} as RuleVisitor, failed: false };
    const context: RuleContext = {
      model,
      input: files,
      config,
      report(d: ReportDescriptor) {
        findings.push({
          rule: rule.meta.id,
          severity,
          message: d.message,
          range: d.range,
          file: d.file ?? 'Dockerfile',
          lesson: rule.meta.lesson,
          ...((d.stage ?? currentStage) !== undefined ? { stage: d.stage ?? currentStage } : {}),
          ...(d.fix ? { fix: d.fix } : {}),
        });
      },
    };
    try {
      entry.visitor = rule.create(context);
    } catch (err) {
      fail(entry, err);
    }
    active.push(entry);
  }

  // each hook's handlers, looked up once rather than for every node of the walk
  type Entry = (typeof active)[number];
  const handlers = <K extends keyof RuleVisitor>(hook: K) => {
    const list: { entry: Entry; fn: NonNullable<RuleVisitor[K]> }[] = [];
    for (const entry of active) {
      const fn = entry.visitor[hook];
      if (!entry.failed && typeof fn === 'function') list.push({ entry, fn: fn as NonNullable<RuleVisitor[K]> });
    }
    return list;
  };
  const onStage = handlers('stage');
  const onInstruction = handlers('instruction');
  const onCommand = handlers('command');
  const onStageEnd = handlers('stageEnd');
  const onEnd = handlers('end');

  const visitStage = (list: typeof onStage, stage: Stage) => {
    for (const h of list) {
      if (h.entry.failed) continue;
      try {
        h.fn.call(h.entry.visitor, stage);
      } catch (err) {
        fail(h.entry, err);
      }
    }
  };
  const visitInstruction = (ins: Instruction, stage: Stage | undefined) => {
    for (const h of onInstruction) {
      if (h.entry.failed) continue;
      try {
        h.fn.call(h.entry.visitor, ins, stage);
      } catch (err) {
        fail(h.entry, err);
      }
    }
  };

  // ARGs before the first FROM
  for (const ins of model.instructions) {
    if (ins.stageIndex !== -1) break;
    visitInstruction(ins, undefined);
  }
  for (const stage of model.stages) {
    currentStage = stage.index;
    visitStage(onStage, stage);
    visitInstruction(stage.from, stage);
    for (const ins of stage.instructions) {
      visitInstruction(ins, stage);
      if (ins.keyword !== 'RUN' || onCommand.length === 0) continue;
      for (const cmd of ins.commands) {
        for (const h of onCommand) {
          if (h.entry.failed) continue;
          try {
            h.fn.call(h.entry.visitor, cmd, ins, stage);
          } catch (err) {
            fail(h.entry, err);
          }
        }
      }
    }
    visitStage(onStageEnd, stage);
  }
  currentStage = undefined;
  for (const h of onEnd) {
    if (h.entry.failed) continue;
    try {
      h.fn.call(h.entry.visitor);
    } catch (err) {
      fail(h.entry, err);
    }
  }

  const suppressions = collectSuppressions(model);
  const kept = findings.filter((f) => !isSuppressed(f, metaById.get(f.rule), suppressions));
  kept.sort((a, b) => (a.file === b.file ? 0 : a.file === 'Dockerfile' ? -1 : 1) || compareRanges(a.range, b.range) || a.rule.localeCompare(b.rule) || a.message.localeCompare(b.message));
  return { findings: kept, model };
}

function errorText(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
