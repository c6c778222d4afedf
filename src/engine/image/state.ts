/**
 * The shared state of one image preview: the model, the input, what each stage is based on, and a
 * memo so config, users, layers and cache read each stage's walk once per edit.
 */
import { lookupBaseImage, type BaseImageFacts } from '../data/base-images.ts';
import type { DockerfileModel, Stage } from '../model.ts';
import type { LintInput } from '../types.ts';

export interface BaseInfo {
  kind: 'image' | 'stage' | 'scratch';
  /** The reference after ARG substitution (`python:3.12-slim`), or the stage name / index. */
  reference: string;
  /** The stage this one is `FROM`, for kind 'stage'. */
  stage: number | null;
  /** Facts of the image (the root image for a chain of stages); null when Shipshape does not know it. */
  facts: BaseImageFacts | null;
  /** False when the reference itself is unknown: `FROM ${IMAGE}` with no default. */
  resolved: boolean;
}

export interface ImageContext {
  model: DockerfileModel;
  input: LintInput;
  memo: Map<string, unknown>;
}

export function createImageContext(model: DockerfileModel, input: LintInput): ImageContext {
  return { model, input, memo: new Map() };
}

export function memo<T>(ctx: ImageContext, key: string, compute: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const value = compute();
  ctx.memo.set(key, value);
  return value;
}

export function baseOf(ctx: ImageContext, stage: Stage): BaseInfo {
  return memo(ctx, `base:${stage.index}`, () => {
    if (stage.baseStage !== undefined) {
      const parent = ctx.model.stages[stage.baseStage];
      return {
        kind: 'stage' as const,
        reference: parent.name ?? String(parent.index),
        stage: parent.index,
        facts: baseOf(ctx, parent).facts,
        resolved: true,
      };
    }
    if (stage.isScratch) {
      return { kind: 'scratch' as const, reference: 'scratch', stage: null, facts: lookupBaseImage(stage.base) ?? null, resolved: true };
    }
    const resolved = stage.undefinedBaseVariables.length === 0 && stage.emptyBaseVariables.length === 0 && stage.base.path !== '';
    return {
      kind: 'image' as const,
      reference: stage.base.resolved,
      stage: null,
      facts: resolved ? (lookupBaseImage(stage.base) ?? null) : null,
      resolved,
    };
  });
}

/** Stage indices from the first built on to `stage` itself: [root, ..., stage]. */
export function stageChain(ctx: ImageContext, stage: Stage): Stage[] {
  const chain: Stage[] = [];
  const seen = new Set<number>();
  let s: Stage | undefined = stage;
  while (s && !seen.has(s.index)) {
    seen.add(s.index);
    chain.unshift(s);
    s = s.baseStage !== undefined ? ctx.model.stages[s.baseStage] : undefined;
  }
  return chain;
}

/** The stages a build of `target` needs (BuildKit skips the others): FROM chains and COPY --from sources. */
export function stagesNeeded(ctx: ImageContext, target: Stage): Set<number> {
  return memo(ctx, `needed:${target.index}`, () => {
    const needed = new Set<number>();
    const visit = (s: Stage) => {
      if (needed.has(s.index)) return;
      needed.add(s.index);
      if (s.baseStage !== undefined) visit(ctx.model.stages[s.baseStage]);
      for (const i of s.copiesFrom) visit(ctx.model.stages[i]);
    };
    visit(target);
    return needed;
  });
}

/** A stage by name (case-insensitive), index, or 'final'; undefined when there is none. */
export function findStage(model: DockerfileModel, which: string | number | undefined): Stage | undefined {
  if (which === undefined || which === 'final') return model.finalStage;
  if (typeof which === 'number') return model.stages[which];
  if (/^\d+$/.test(which)) return model.stages[Number(which)];
  return model.stages.find((s) => s.name === which.toLowerCase());
}
