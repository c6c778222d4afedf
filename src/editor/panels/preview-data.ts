/**
 * What the exercise's preview panels show, computed in the engine worker with each grade, from the
 * model the grade used: the build context (files sent and excluded, with the .dockerignore line that
 * decided, and every COPY/ADD source resolved against it) and the image preview of one stage (config,
 * users, layers, cache). Everything here is plain JSON data, ready for postMessage, and small: the
 * panels get lines (zero-based, like every engine position) instead of instruction indices, and the
 * base image's full account list stays in the worker.
 */
import { analyzeBuild, type SourceKind, type SourceStatus } from '../../engine/context.ts';
import { secretFileKind } from '../../engine/data/secret-files.ts';
import { DockerignoreMatcher, parsePatternList, type IgnorePattern } from '../../engine/dockerignore.ts';
import { errorText } from '../../engine/lint.ts';
import {
  previewImage,
  type Account,
  type CacheReport,
  type ConfigField,
  type ConfigUnknown,
  type ImageConfig,
  type ImageTotals,
  type Layer,
  type ResolvedUser,
  type StageSummary,
} from '../../engine/image/index.ts';
import type { BaseSummary } from '../../engine/image/index.ts';
import type { PreviewPanel } from '../../engine/exercise.ts';
import type { DockerfileModel } from '../../engine/model.ts';
import type { Finding, LintInput, Position, Range, Severity } from '../../engine/types.ts';

/** The panels, in the order the tabs show them; exercise.json's `preview` names one of them. */
export const PANEL_IDS: readonly PreviewPanel[] = ['context', 'image', 'layers', 'cache'];
export type PanelId = PreviewPanel;

/** What the page asks the worker for, along with a grade. */
export interface PreviewRequest {
  /** The build-context summary; answered only when the exercise has a context tree. */
  context?: boolean;
  /** The image preview of a stage (`final` when absent) and the context files the learner marked as changed. */
  image?: { stage?: string | number; changed?: string[] };
}

export interface PatternRef {
  /** The line as written, `!` included. */
  text: string;
  /** Zero-based line in the .dockerignore. */
  line: number;
  exception: boolean;
}

export interface ContextFilePreview {
  path: string;
  size: number;
  /** The build receives it. */
  sent: boolean;
  /** The line that decided: the one that excluded it, or the `!` line that re-included it. */
  pattern?: PatternRef;
  /** Zero-based lines of the COPY/ADD instructions that take this file from the context. */
  copiedBy: number[];
  /** What the file is when its name or content says it holds credentials ("an environment file"). */
  secret?: string;
}

/** One .dockerignore line and what it decides in this project. */
export interface PatternEffect extends PatternRef {
  /** Files it excludes (or, for a `!` line, re-includes): the last matching line decides. */
  files: number;
  size: number;
  /** Docker rejects the line (the build fails). */
  error?: string;
}

export interface SourcePreview {
  text: string;
  range: Range;
  kind: SourceKind;
  status: SourceStatus;
  /** Files the instruction receives from this source. */
  files: number;
  size: number;
  directory: boolean;
  /** Paths the source names that the .dockerignore keeps out. */
  ignored: { path: string; pattern?: PatternRef }[];
  /** Files it takes that look like credentials. */
  secrets: { path: string; what: string }[];
  /** Findings the rules report on this source (missing, excluded, secret). */
  findings: { rule: string; severity: Severity; message: string }[];
}

export interface CopyPreview {
  /** Zero-based line of the instruction. */
  line: number;
  keyword: 'COPY' | 'ADD';
  stage: number;
  stageName: string | null;
  /** The instruction's arguments, continuations joined. */
  text: string;
  /** `--from`: the sources come from a stage or an image, not from the context. */
  from: string | null;
  sources: SourcePreview[];
}

export interface ContextPreview {
  /** The build has a .dockerignore (it may be empty). */
  hasDockerignore: boolean;
  totalFiles: number;
  totalSize: number;
  sentFiles: number;
  sentSize: number;
  excludedFiles: number;
  excludedSize: number;
  /** Every project file, in the exercise's order. */
  files: ContextFilePreview[];
  /** Every pattern line of the .dockerignore, in order. */
  patterns: PatternEffect[];
  problems: { line: number; message: string; kind: 'rejected' | 'fails-when-reached' }[];
  copies: CopyPreview[];
}

export type CommandForm = 'exec' | 'shell';

export interface StageOption {
  index: number;
  name: string | null;
  base: string;
  /** Zero-based line of its FROM. */
  line: number;
  isFinal: boolean;
}

export interface ImagePanelData {
  stage: { index: number; name: string | null; isFinal: boolean };
  /** Every stage of the Dockerfile, for the stage picker. */
  stageOptions: StageOption[];
  base: BaseSummary;
  config: ImageConfig;
  unknown: ConfigUnknown[];
  /** Variables the base sets whose values depend on the release (PYTHON_VERSION). */
  envUnknownValues: string[];
  /** Where each field was last set: a zero-based line of this Dockerfile, or 'base'. */
  origin: Partial<Record<ConfigField, number | 'base'>>;
  /** How Cmd and Entrypoint were written: the JSON (exec) form, or shell form wrapped in `/bin/sh -c`. */
  forms: Partial<Record<'Cmd' | 'Entrypoint', CommandForm>>;
  /** What the container runs: Entrypoint followed by Cmd. */
  command: string[] | null;
  shellFormCommand: boolean;
  notes: string[];
  user: ResolvedUser;
  /** Accounts this Dockerfile creates (createdBy is a zero-based line). */
  accounts: (Omit<Account, 'createdBy'> & { line: number })[];
  layers: Layer[];
  totals: ImageTotals;
  stages: StageSummary[];
  rebuild: (Omit<CacheReport, 'stages'> & { stages: (CacheReport['stages'][number] & { rebuildFromLine: number | null })[] }) | null;
  unknowns: string[];
}

export interface PreviewPayload {
  /** Present when asked and the exercise has a context tree. */
  context?: ContextPreview;
  /** Present when asked; null when there is no stage to show (no FROM yet, or the picked stage is gone). */
  image?: ImagePanelData | null;
  /** The preview failed (the grade did not): shown in the panels, never in the checklist. */
  error?: string;
  /** Time the preview took in the worker, on top of the grade. */
  ms: number;
}

const ref = (p: IgnorePattern | undefined): PatternRef | undefined => (p ? { text: p.text, line: p.line, exception: p.exception } : undefined);

function before(a: Position, b: Position): boolean {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

function within(inner: Range, outer: Range): boolean {
  return before(outer.start, inner.start) && before(inner.end, outer.end);
}

/** The build context as the panels show it; undefined when the input has no context tree. */
export function contextPreview(model: DockerfileModel, input: LintInput, findings: readonly Finding[]): ContextPreview | undefined {
  const analysis = analyzeBuild(model, input);
  if (!analysis) return undefined;
  const ctx = analysis.context;
  const copiedBy = new Map<string, number[]>();
  const copies: CopyPreview[] = analysis.copies.map((c) => {
    const line = c.instruction.range.start.line;
    return {
      line,
      keyword: c.keyword,
      stage: c.stage.index,
      stageName: c.stage.name ?? null,
      text: c.instruction.argumentsText.trim(),
      from: c.from,
      sources: c.resolved.map((s) => {
        for (const f of s.files) {
          const lines = copiedBy.get(f.path) ?? [];
          if (!lines.includes(line)) lines.push(line);
          copiedBy.set(f.path, lines);
        }
        const secrets = s.files.flatMap((f) => {
          const kind = secretFileKind(f.path, f.content);
          return kind ? [{ path: f.path, what: kind.what }] : [];
        });
        return {
          text: s.text,
          range: s.range,
          kind: s.kind,
          status: s.status,
          files: s.files.length,
          size: s.files.reduce((n, f) => n + f.size, 0),
          directory: s.directory,
          ignored: s.ignored.map((i) => ({ path: i.path, ...(i.pattern ? { pattern: ref(i.pattern) } : {}) })),
          secrets,
          findings: findings
            .filter((f) => f.file === 'Dockerfile' && within(f.range, s.range))
            .map((f) => ({ rule: f.rule, severity: f.severity, message: f.message })),
        };
      }),
    };
  });

  const effects = new Map<number, { files: number; size: number }>();
  const excludedBy = new Map(ctx.excluded.map((e) => [e.path, e.pattern]));
  // the context already knows what it excluded and why; a sent file is asked again only when a `!`
  // line could be what re-included it (a matcher of the `!` lines alone is a cheap first test)
  const exceptionLines = (ctx.dockerignore?.patterns ?? []).filter((p) => p.exception && !p.error).map((p) => p.pattern);
  const exceptions = exceptionLines.length > 0 ? new DockerignoreMatcher(parsePatternList(exceptionLines)) : undefined;
  const files: ContextFilePreview[] = ctx.files.map((f) => {
    const sent = !excludedBy.has(f.path);
    let pattern = sent ? undefined : excludedBy.get(f.path);
    if (sent && exceptions?.match(f.path).excluded) {
      const last = ctx.matcher?.match(f.path).pattern;
      if (last?.exception) pattern = last;
    }
    if (pattern) {
      const e = effects.get(pattern.index) ?? { files: 0, size: 0 };
      e.files++;
      e.size += f.size;
      effects.set(pattern.index, e);
    }
    const secret = secretFileKind(f.path, f.content);
    return {
      path: f.path,
      size: f.size,
      sent,
      ...(pattern ? { pattern: ref(pattern) } : {}),
      copiedBy: copiedBy.get(f.path) ?? [],
      ...(secret ? { secret: secret.what } : {}),
    };
  });

  const sent = files.filter((f) => f.sent);
  const sentSize = sent.reduce((n, f) => n + f.size, 0);
  const totalSize = files.reduce((n, f) => n + f.size, 0);
  return {
    hasDockerignore: input.dockerignore !== undefined,
    totalFiles: files.length,
    totalSize,
    sentFiles: sent.length,
    sentSize,
    excludedFiles: files.length - sent.length,
    excludedSize: totalSize - sentSize,
    files,
    patterns: (ctx.dockerignore?.patterns ?? []).map((p) => ({
      text: p.text,
      line: p.line,
      exception: p.exception,
      files: effects.get(p.index)?.files ?? 0,
      size: effects.get(p.index)?.size ?? 0,
      ...(p.error ? { error: p.error } : {}),
    })),
    problems: (ctx.dockerignore?.problems ?? []).map((p) => ({ line: p.line, message: p.message, kind: p.kind })),
    copies,
  };
}

function formOf(model: DockerfileModel, origin: number | 'base' | undefined, value: string[] | null): CommandForm | undefined {
  if (!value) return undefined;
  if (typeof origin === 'number') return model.instructions[origin]?.execForm ? 'exec' : 'shell';
  // set by a base image: it was written one way or the other; its array shows which
  return value.length === 3 && /(^|\/)(ba)?sh$/.test(value[0]) && value[1] === '-c' ? 'shell' : 'exec';
}

/** The image preview of one stage, trimmed for the panels; null when there is no such stage. */
export function imagePanelData(model: DockerfileModel, input: LintInput, options: { stage?: string | number; changed?: readonly string[] }): ImagePanelData | null {
  const p = previewImage(model, input, { ...(options.stage !== undefined ? { stage: options.stage } : {}), ...(options.changed ? { changed: options.changed } : {}) });
  if (!p) return null;
  const lineOf = (index: number) => model.instructions[index]?.range.start.line ?? 0;
  const origin: ImagePanelData['origin'] = {};
  for (const [field, o] of Object.entries(p.config.origin) as [ConfigField, number | 'base'][]) origin[field] = o === 'base' ? 'base' : lineOf(o);
  const forms: ImagePanelData['forms'] = {};
  const cmdForm = formOf(model, p.config.origin.Cmd, p.config.config.Cmd);
  const entryForm = formOf(model, p.config.origin.Entrypoint, p.config.config.Entrypoint);
  if (cmdForm) forms.Cmd = cmdForm;
  if (entryForm) forms.Entrypoint = entryForm;
  return {
    stage: p.stage,
    stageOptions: model.stages.map((s) => ({
      index: s.index,
      name: s.name ?? null,
      base: s.baseStage !== undefined ? (model.stages[s.baseStage]?.name ?? String(s.baseStage)) : s.baseText,
      line: s.from.range.start.line,
      isFinal: s.isFinal,
    })),
    base: p.base,
    config: p.config.config,
    unknown: p.config.unknown,
    envUnknownValues: p.config.envUnknownValues,
    origin,
    forms,
    command: p.config.command,
    shellFormCommand: p.config.shellFormCommand,
    notes: [...p.config.notes, ...p.users.notes],
    user: p.user,
    accounts: p.users.accounts
      .filter((a) => a.createdBy !== 'base')
      .map(({ createdBy, ...a }) => ({ ...a, line: lineOf(createdBy as number) })),
    layers: p.layers,
    totals: p.totals,
    stages: p.stages,
    rebuild: p.rebuild ? { ...p.rebuild, stages: p.rebuild.stages.map((s) => ({ ...s, rebuildFromLine: s.rebuildFrom === null ? null : lineOf(s.rebuildFrom) })) } : null,
    unknowns: p.unknowns,
  };
}

/** Everything asked for; a failure becomes `error` so that the grade is still delivered. */
export function buildPreview(model: DockerfileModel | undefined, input: LintInput, request: PreviewRequest, findings: readonly Finding[]): PreviewPayload {
  const started = performance.now();
  const out: PreviewPayload = { ms: 0 };
  try {
    if (request.context && model) {
      const context = contextPreview(model, input, findings);
      if (context) out.context = context;
    }
    if (request.image) {
      let image = model ? imagePanelData(model, input, request.image) : null;
      // the picked stage is gone (renamed, deleted): show the final one rather than nothing
      if (model && !image && request.image.stage !== undefined && request.image.stage !== 'final') image = imagePanelData(model, input, { ...request.image, stage: 'final' });
      out.image = image;
    }
  } catch (err) {
    out.error = errorText(err);
  }
  out.ms = performance.now() - started;
  return out;
}
