/**
 * previewImage(model, input, options): everything the image panel shows, computed statically from
 * the Dockerfile (there is no Docker engine in a browser): the config `docker inspect` would show,
 * the layers `docker history` would list with estimated sizes, the total next to the base's size,
 * the stages that end up in the image, what a change to some files rebuilds, and what is unknown.
 * One plain, JSON-serialisable object, cheap enough to compute on every edit in the worker.
 */
import type { DockerfileModel } from '../model.ts';
import type { LintInput } from '../types.ts';
import { stageConfig, type StageConfig } from './config.ts';
import { rebuildFor, type CacheReport } from './cache.ts';
import { imageLayers, imageTotals, stageSummaries, type ImageTotals, type Layer, type StageSummary } from './layers.ts';
import { createImageContext, findStage, type ImageContext } from './state.ts';
import { resolveUser, stageUsers, type ResolvedUser, type StageUsers } from './users.ts';

export interface PreviewOptions {
  /** The stage to show: a name, an index, or 'final' (the default). */
  stage?: string | number;
  /** Context files that changed, for the rebuild view (`src/app.py`, `package.json`). */
  changed?: readonly string[];
}

export interface BaseSummary {
  kind: 'image' | 'stage' | 'scratch';
  reference: string;
  known: boolean;
  label: string | null;
  sizeMB: number | null;
  user: string | null;
  uid: number | null;
  hasShell: boolean | null;
  packageManager: string | null;
  tools: string[];
  minimal: boolean | null;
  source: string | null;
}

export interface ImagePreview {
  stage: { index: number; name: string | null; isFinal: boolean };
  base: BaseSummary;
  config: StageConfig;
  /** Config.User resolved against the image's accounts: UID, whether it exists. */
  user: ResolvedUser;
  users: StageUsers;
  /** The image's layers, base row first (including the stages it is FROM). */
  layers: Layer[];
  totals: ImageTotals;
  stages: StageSummary[];
  /** What the given changed files rebuild; null when none were given. */
  rebuild: CacheReport | null;
  /** Everything Shipshape could not know, in words. */
  unknowns: string[];
}

export function previewImage(model: DockerfileModel, input: LintInput, options: PreviewOptions = {}): ImagePreview | null {
  return previewWithContext(createImageContext(model, input), options);
}

/** previewImage on a shared context (assertions reuse one context for several questions). */
export function previewWithContext(ctx: ImageContext, options: PreviewOptions = {}): ImagePreview | null {
  const stage = findStage(ctx.model, options.stage);
  if (!stage) return null;
  const config = stageConfig(ctx, stage.index);
  const users = stageUsers(ctx, stage.index);
  const userUnknown = config.unknown.some((u) => u.field === 'User' && !u.partial);
  const user = resolveUser(users, userUnknown ? null : config.config.User);
  const layers = imageLayers(ctx, stage);
  const totals = imageTotals(ctx, stage);
  const facts = config.base.facts;
  const rootKind = config.base.kind;
  const base: BaseSummary = {
    kind: rootKind,
    reference: config.base.reference,
    known: facts !== null,
    label: facts?.label ?? null,
    sizeMB: facts?.sizeMB ?? null,
    user: facts?.user ?? null,
    uid: facts?.uid ?? null,
    hasShell: facts?.hasShell ?? null,
    packageManager: facts?.packageManager ?? null,
    tools: facts?.tools ?? [],
    minimal: facts?.minimal ?? null,
    source: facts?.source ?? null,
  };

  const unknowns: string[] = [];
  for (const u of config.unknown) unknowns.push(`${u.field}${u.partial ? ' (partly)' : ''}: ${u.detail}`);
  if (user.exists === null && !userUnknown) unknowns.push(`User: ${user.detail}`);
  for (const l of layers) {
    if (l.bytes === null) unknowns.push(`Size of \`${l.createdBy.length > 60 ? l.createdBy.slice(0, 57) + '...' : l.createdBy}\` (line ${l.line + 1}).`);
  }

  return {
    stage: { index: stage.index, name: stage.name ?? null, isFinal: stage.isFinal },
    base,
    config,
    user,
    users,
    layers,
    totals,
    stages: stageSummaries(ctx, stage),
    rebuild: options.changed && options.changed.length > 0 ? rebuildFor(ctx, stage, options.changed) : null,
    unknowns,
  };
}

export { createImageContext, type ImageContext } from './state.ts';
export { stageConfig, stageWalk, isKnown, type StageConfig, type ImageConfig, type Healthcheck, type ConfigField, type ConfigUnknown } from './config.ts';
export { stageUsers, resolveUser, type StageUsers, type ResolvedUser, type Account, type Group, type Ownership } from './users.ts';
export { stageLayers, imageLayers, imageTotals, stageSummaries, type Layer, type StageLayers, type StageSummary, type ImageTotals, type StepKind } from './layers.ts';
export { rebuildFor, type CacheReport, type RebuildStep, type RebuildStage } from './cache.ts';
