/**
 * The build cache after a change: given the context files that changed, which steps BuildKit runs
 * again. In each stage the first COPY/ADD whose sources include a changed file (or a RUN that
 * bind-mounts it) misses the cache, and so does every step after it in that stage; a stage built
 * FROM a rebuilt stage rebuilds whole, and a COPY --from / RUN --mount=from of a rebuilt stage
 * misses too. Files .dockerignore excludes never reach the builder, so they change nothing.
 */
import type { Instruction, Stage } from '../model.ts';
import { runMounts } from '../package-managers.ts';
import { stageWalk } from './config.ts';
import { stageLayers, type StepKind } from './layers.ts';
import { contextPath, copyIncludes, isExcludedFromContext } from './sources.ts';
import { memo, stagesNeeded, type ImageContext } from './state.ts';
import { parseJsonArray, processWord, splitWords, stripFlags } from './words.ts';

export interface RebuildStep {
  instruction: number;
  stage: number;
  keyword: string;
  line: number;
  createdBy: string;
  kind: StepKind;
  cached: boolean;
  /** Why it runs again: the first miss names the file, later ones the step before. */
  reason: string | null;
  seconds: number;
  bytes: number | null;
}

export interface RebuildStage {
  stage: number;
  name: string | null;
  /** Instruction index (model.instructions) of the first step that runs again; null when all hit the cache. */
  rebuildFrom: number | null;
  reason: string | null;
}

export interface CacheReport {
  changed: string[];
  /** Changed files .dockerignore keeps out of the context: they never invalidate anything. */
  ignored: string[];
  /** Changed files no COPY, ADD or bind mount of a built stage takes. */
  unused: string[];
  stages: RebuildStage[];
  /** Every step of the stages the build needs, in build order (FROM lines excluded). */
  steps: RebuildStep[];
  rebuilt: { steps: number; seconds: number; bytes: number; unknownBytes: boolean };
  cached: { steps: number; seconds: number };
}

/** Sources of a COPY/ADD from the context (no --from), with ARG/ENV substituted. */
function contextSources(ctx: ImageContext, ins: Instruction, vars: ReadonlyMap<string, string | null>): string[] {
  if (ins.flags.some((f) => f.name === 'from')) return [];
  const json = parseJsonArray(ins.argumentsText);
  // BuildKit expands variables in the JSON form too
  const words = (json ?? splitWords(stripFlags(ins.argumentsText.split('\n')[0]), ctx.model.escapeChar)).map((w) =>
    json && !w.includes('$') ? w : processWord(w, vars, ctx.model.escapeChar).value,
  );
  return words.slice(0, -1).filter((s) => !s.startsWith('<<') && !/^(https?:\/\/|git@|git:\/\/)/.test(s));
}

/** Context paths a RUN bind-mounts from the build context (`--mount=type=bind` without from=). */
function boundSources(ins: Instruction): string[] {
  return runMounts(ins)
    .filter((m) => m.type === 'bind' && !m.options.has('from'))
    .map((m) => m.options.get('source') ?? m.options.get('src') ?? '.');
}

function stageFrom(ctx: ImageContext, stage: Stage, value: string): Stage | undefined {
  return ctx.model.stages.find((s) => s.index < stage.index && (s.name === value.toLowerCase() || String(s.index) === value));
}

export function rebuildFor(ctx: ImageContext, target: Stage, changed: readonly string[]): CacheReport {
  const key = `cache:${target.index}:${changed.join('\u0000')}`;
  return memo(ctx, key, () => computeRebuild(ctx, target, changed));
}

function computeRebuild(ctx: ImageContext, target: Stage, changedInput: readonly string[]): CacheReport {
  const changed = [...new Set(changedInput.map(contextPath).filter((p) => p !== ''))];
  const ignored = changed.filter((f) => isExcludedFromContext(ctx, f));
  const live = changed.filter((f) => !ignored.includes(f));
  const used = new Set<string>();
  const needed = stagesNeeded(ctx, target);
  const rebuiltStages = new Set<number>();
  const stages: RebuildStage[] = [];
  const steps: RebuildStep[] = [];

  for (const stage of ctx.model.stages) {
    if (!needed.has(stage.index)) continue;
    const walk = stageWalk(ctx, stage.index);
    const layers = stageLayers(ctx, stage.index).layers;
    let reason: string | null = null;
    let from: number | null = null;
    if (stage.baseStage !== undefined && rebuiltStages.has(stage.baseStage)) {
      const parent = ctx.model.stages[stage.baseStage];
      reason = `It is built FROM stage ${parent.name ?? parent.index}, which is rebuilt.`;
    }
    let first: Instruction | null = null;
    for (const step of walk.steps) {
      const ins = step.instruction;
      let cause: string | null = null;
      if (reason === null) {
        cause = missReason(ctx, stage, ins, step.vars, live, used, rebuiltStages);
        if (cause !== null) reason = cause;
      } else {
        for (const f of live) if (takes(ctx, ins, step.vars, f)) used.add(f);
      }
      const missed = reason !== null;
      if (missed && from === null) {
        from = ins.index;
        first = ins;
      }
      const layer = layers.find((l) => l.instruction === ins.index);
      steps.push({
        instruction: ins.index,
        stage: stage.index,
        keyword: ins.keyword,
        line: ins.range.start.line,
        createdBy: layer?.createdBy ?? ins.keyword,
        kind: layer?.kind ?? 'other',
        cached: !missed,
        reason: !missed ? null : (cause ?? (from === ins.index || !first ? reason : `It comes after ${describe(first)}, which is rebuilt.`)),
        seconds: layer?.seconds ?? 0,
        bytes: layer?.bytes ?? null,
      });
    }
    // a stage whose every step hits the cache still counts as rebuilt when its FROM stage is
    if (from !== null || (reason !== null && walk.steps.length === 0)) rebuiltStages.add(stage.index);
    stages.push({ stage: stage.index, name: stage.name ?? null, rebuildFrom: from, reason: from !== null ? reason : null });
  }

  const rebuiltSteps = steps.filter((s) => !s.cached);
  const cachedSteps = steps.filter((s) => s.cached);
  return {
    changed,
    ignored,
    unused: live.filter((f) => !used.has(f)),
    stages,
    steps,
    rebuilt: {
      steps: rebuiltSteps.length,
      seconds: round(rebuiltSteps.reduce((n, s) => n + s.seconds, 0)),
      bytes: rebuiltSteps.reduce((n, s) => n + (s.bytes ?? 0), 0),
      unknownBytes: rebuiltSteps.some((s) => s.bytes === null),
    },
    cached: { steps: cachedSteps.length, seconds: round(cachedSteps.reduce((n, s) => n + s.seconds, 0)) },
  };
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

function describe(ins: Instruction): string {
  const text = ins.argumentsText.trim();
  return `\`${ins.keyword} ${text.length > 40 ? text.slice(0, 37) + '...' : text}\` (line ${ins.range.start.line + 1})`;
}

/** True when the instruction takes the (changed) context file. */
function takes(ctx: ImageContext, ins: Instruction, vars: ReadonlyMap<string, string | null>, file: string): boolean {
  if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
    const exclude = ins.flags.filter((f) => f.name === 'exclude' && f.value).map((f) => processWord(f.value as string, vars, ctx.model.escapeChar).value);
    return copyIncludes(contextSources(ctx, ins, vars), file, exclude);
  }
  if (ins.keyword === 'RUN') return copyIncludes(boundSources(ins), file);
  return false;
}

/** Why the instruction misses the cache, or null when it hits. */
function missReason(
  ctx: ImageContext,
  stage: Stage,
  ins: Instruction,
  vars: ReadonlyMap<string, string | null>,
  live: string[],
  used: Set<string>,
  rebuiltStages: Set<number>,
): string | null {
  const hits = live.filter((f) => takes(ctx, ins, vars, f));
  for (const f of hits) used.add(f);
  if (hits.length > 0) {
    const list = hits.slice(0, 3).map((f) => `\`${f}\``).join(', ') + (hits.length > 3 ? ` and ${hits.length - 3} more` : '');
    return ins.keyword === 'RUN' ? `It bind-mounts ${list}, which changed.` : `It copies ${list}, which changed.`;
  }
  const fromValues = [
    ...(ins.keyword === 'COPY' || ins.keyword === 'ADD' ? ins.flags.filter((f) => f.name === 'from').map((f) => f.value ?? '') : []),
    ...(ins.keyword === 'RUN' ? runMounts(ins).map((m) => m.options.get('from') ?? '').filter(Boolean) : []),
  ];
  for (const v of fromValues) {
    const src = stageFrom(ctx, stage, v);
    if (src && rebuiltStages.has(src.index)) {
      return ins.keyword === 'RUN'
        ? `It mounts files of stage ${src.name ?? src.index}, which is rebuilt.`
        : `It copies from stage ${src.name ?? src.index}, which is rebuilt (the files usually differ).`;
    }
  }
  return null;
}
