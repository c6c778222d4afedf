/**
 * The layers a build produces, like `docker history`: one row per instruction, metadata-only ones
 * at 0 B, filesystem ones with an estimated size. COPY/ADD sizes come from the exercise's virtual
 * build context (exact), package installs from data/package-sizes.ts (estimates), COPY --from from
 * what the source stage is known to have written there (or unknown). Also which stages end up in
 * the final image, and the final image's estimated total next to its base's size.
 */
import type { Instruction, Stage } from '../model.ts';
import type { ShellCommand } from '../shell.ts';
import { lookupBaseImage } from '../data/base-images.ts';
import { parseImageReference } from '../image-ref.ts';
import { LEFTOVER_MB, PACKAGE_SIZES_MB, PROJECT_ESTIMATES_MB, STEP_SECONDS, type SizedManager } from '../data/package-sizes.ts';
import { flagValue, hasFlag, mountCovers, parsePackageManagerCommand, removedPaths, unwrapCommand, type PackageManagerCommand } from '../package-managers.ts';
import { stageWalk, type StepState } from './config.ts';
import { contextIndex, resolveCopy } from './sources.ts';
import { baseOf, memo, stageChain, stagesNeeded, type ImageContext } from './state.ts';
import { basename, isWithin, parseJsonArray, processWord, resolvePath, splitWords, stripFlags } from './words.ts';

export type StepKind = 'base' | 'package-install' | 'dependency-install' | 'compile' | 'copy' | 'download' | 'other' | 'metadata';

export type Certainty = 'exact' | 'estimate' | 'unknown';

export interface Layer {
  /** Index in model.instructions (the FROM instruction for the base row). */
  instruction: number;
  stage: number;
  keyword: string;
  /** What `docker history` shows under CREATED BY, shortened. */
  createdBy: string;
  /** Zero-based line of the instruction. */
  line: number;
  kind: StepKind;
  /** True for instructions that only change the config (ENV, CMD, EXPOSE...): 0 B. */
  metadataOnly: boolean;
  /** Estimated bytes the layer adds; null when unknown. */
  bytes: number | null;
  certainty: Certainty;
  /** Estimated seconds to build the step (0 for metadata). */
  seconds: number;
  /** Packages or dependencies the step installs, when known. */
  packages: string[];
  /** Files a COPY/ADD takes from the build context (context paths). */
  contextFiles: string[];
  notes: string[];
}

export interface StageLayers {
  stage: number;
  name: string | null;
  /** The base row (FROM) followed by one row per instruction of this stage. */
  layers: Layer[];
  /** Bytes this stage's own instructions add; null when some are unknown (then `knownBytes` is a lower bound). */
  addedBytes: number | null;
  knownBytes: number;
}

export interface StageSummary {
  index: number;
  name: string | null;
  base: string;
  /** The final stage and the stages it is FROM: their layers are the final image. */
  inFinalImage: boolean;
  /** Files of this stage reach the final image through COPY --from. */
  copiedIntoFinal: boolean;
  /** BuildKit builds it for the final target (it skips stages nothing needs). */
  built: boolean;
  addedBytes: number | null;
}

export interface ImageTotals {
  /** The base image's approximate compressed size; null when the base is unknown. */
  baseBytes: number | null;
  /** Bytes the Dockerfile's layers add to the final image (known part). */
  addedBytes: number;
  /** baseBytes + addedBytes; null when the base is unknown. */
  totalBytes: number | null;
  /** True when some layers (or the base) are unknown, so the total is a lower bound. */
  lowerBound: boolean;
  unknownLayers: number;
}

/** Something a stage wrote to its filesystem, for COPY --from estimates. */
interface Write {
  path: string;
  bytes: number;
  /** True for a directory written as a whole (a venv, node_modules, a build output) rather than one file. */
  dir: boolean;
  certainty: Certainty;
  /** For files copied from the context: the context path. */
  source?: string;
}

interface StageAnalysis {
  layers: StageLayers;
  writes: Write[];
}

const MB = 1_000_000;
const METADATA_KEYWORDS = new Set(['ENV', 'ARG', 'LABEL', 'EXPOSE', 'CMD', 'ENTRYPOINT', 'USER', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL', 'ONBUILD', 'MAINTAINER']);
/** Files every Linux image has, small enough to size without knowing the source stage. */
const SYSTEM_FILES: Record<string, number> = {
  '/etc/passwd': 1_000,
  '/etc/group': 500,
  '/etc/nsswitch.conf': 500,
  '/etc/ssl/certs/ca-certificates.crt': 220_000,
  '/etc/ssl/certs': 600_000,
  '/usr/share/zoneinfo': 1_500_000,
};
const NO_WRITE_COMMANDS = new Set(['rm', 'true', 'false', 'echo', 'printf', 'set', 'cd', 'export', 'test', '[', ':', 'exit', 'sleep', 'command', 'which', 'id', 'whoami', 'ls', 'cat', 'env']);
const KIND_ORDER: StepKind[] = ['compile', 'dependency-install', 'package-install', 'download', 'copy', 'other', 'metadata'];

export function stageLayers(ctx: ImageContext, stageIndex: number): StageLayers {
  return analyse(ctx, stageIndex).layers;
}

function analyse(ctx: ImageContext, stageIndex: number): StageAnalysis {
  return memo(ctx, `layers:${stageIndex}`, () => computeStage(ctx, ctx.model.stages[stageIndex]));
}

/** Writes of a stage and of the stages it is FROM, oldest first. */
function chainWrites(ctx: ImageContext, stage: Stage): Write[] {
  return stageChain(ctx, stage).flatMap((s) => analyse(ctx, s.index).writes);
}

function computeStage(ctx: ImageContext, stage: Stage): StageAnalysis {
  const base = baseOf(ctx, stage);
  const walk = stageWalk(ctx, stage.index);
  const writes: Write[] = [];
  const layers: Layer[] = [];
  const line = (ins: Instruction) => ins.range.start.line;

  const baseBytes = base.kind === 'scratch' ? 0 : base.kind === 'image' && base.facts ? Math.round(base.facts.sizeMB * MB) : null;
  layers.push({
    instruction: stage.from.index,
    stage: stage.index,
    keyword: 'FROM',
    createdBy: `FROM ${base.kind === 'stage' ? `${base.reference} (stage ${base.stage})` : base.reference}`,
    line: line(stage.from),
    kind: 'base',
    metadataOnly: base.kind !== 'image',
    // a stage built on another stage adds that stage's layers, listed there
    bytes: base.kind === 'stage' ? 0 : baseBytes,
    certainty: base.kind === 'stage' || base.kind === 'scratch' ? 'exact' : baseBytes === null ? 'unknown' : 'estimate',
    seconds: 0,
    packages: [],
    contextFiles: [],
    notes:
      base.kind === 'image' && !base.facts
        ? [`Shipshape does not know the size of \`${base.reference}\`.`]
        : base.kind === 'image' && base.facts
          ? [`${base.facts.label}: about ${base.facts.sizeMB} MB compressed.`]
          : [],
  });

  for (const step of walk.steps) {
    const ins = step.instruction;
    const layer: Layer = {
      instruction: ins.index,
      stage: stage.index,
      keyword: ins.keyword,
      createdBy: createdBy(ins, step),
      line: line(ins),
      kind: 'metadata',
      metadataOnly: true,
      bytes: 0,
      certainty: 'exact',
      seconds: 0,
      packages: [],
      contextFiles: [],
      notes: [],
    };
    if (ins.keyword === 'RUN') runLayer(ctx, stage, step, layer, writes);
    else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') copyLayer(ctx, stage, step, layer, writes);
    else if (!METADATA_KEYWORDS.has(ins.keyword)) {
      layer.notes.push(`${ins.keyword} is not an instruction Docker knows.`);
    }
    layer.seconds = Math.round(layer.seconds * 10) / 10;
    layers.push(layer);
  }

  const own = layers.slice(1);
  const knownBytes = own.reduce((n, l) => n + (l.bytes ?? 0), 0);
  const anyUnknown = own.some((l) => l.bytes === null);
  return {
    layers: { stage: stage.index, name: stage.name ?? null, layers, addedBytes: anyUnknown ? null : knownBytes, knownBytes },
    writes,
  };
}

function createdBy(ins: Instruction, step: StepState): string {
  const flags = ins.flags.map((f) => (f.value === null ? `--${f.name}` : `--${f.name}=${f.value}`)).join(' ');
  const text = ins.argumentsText.trim();
  if (ins.keyword === 'RUN' && !ins.execForm) return `RUN ${flags ? flags + ' ' : ''}${step.shell.join(' ')} ${text}`;
  return `${ins.keyword} ${flags ? flags + ' ' : ''}${text}`.trim();
}

// ---------------------------------------------------------------------------------------------
// COPY / ADD
// ---------------------------------------------------------------------------------------------

function copyArguments(ctx: ImageContext, ins: Instruction, step: StepState): { sources: string[]; dest: string; heredoc: boolean } | null {
  const json = parseJsonArray(ins.argumentsText);
  const words = json ?? splitWords(stripFlags(ins.argumentsText.split('\n')[0]), ctx.model.escapeChar);
  // BuildKit expands variables in the JSON form too
  const values = words.map((w) => (json && !w.includes('$') ? w : processWord(w, step.vars, ctx.model.escapeChar).value));
  if (values.length < 2) return null;
  return { sources: values.slice(0, -1), dest: values[values.length - 1], heredoc: values.some((v) => v.startsWith('<<')) };
}

function copyLayer(ctx: ImageContext, stage: Stage, step: StepState, layer: Layer, writes: Write[]): void {
  const ins = step.instruction;
  layer.metadataOnly = false;
  layer.kind = 'copy';
  const args = copyArguments(ctx, ins, step);
  if (!args) {
    layer.bytes = 0;
    layer.notes.push(`${ins.keyword} needs at least one source and a destination.`);
    return;
  }
  const workdir = step.workdir ?? '/';
  const destPath = resolvePath(workdir, args.dest);
  if (step.workdir === null && !args.dest.startsWith('/')) layer.notes.push('The destination is relative to a WORKDIR Shipshape does not know.');
  const from = ins.flags.find((f) => f.name === 'from')?.value ?? null;

  if (args.heredoc) {
    // the body is every line up to the terminator, each ending in a newline
    const bytes = ins.heredocs.reduce((n, h) => n + (h.content === '' ? 0 : h.content.replace(/\r?\n$/, '').length + 1), 0);
    setSize(layer, bytes, 'exact');
    writes.push({ path: destPath, bytes, dir: false, certainty: 'exact' });
    layer.seconds = STEP_SECONDS.copyBase;
    return;
  }

  if (from !== null) {
    copyFromLayer(ctx, stage, from, args.sources, destPath, args.dest, layer, writes);
    return;
  }

  const remote = args.sources.filter((s) => /^(https?:\/\/|git@|git:\/\/)/.test(s));
  const local = args.sources.filter((s) => !remote.includes(s));
  if (remote.length > 0) {
    layer.kind = 'download';
    layer.notes.push(`${remote.join(', ')} is downloaded at build time: its size is unknown until then.`);
  }
  const index = contextIndex(ctx);
  if (local.length > 0 && !index.known) {
    layer.bytes = null;
    layer.certainty = 'unknown';
    layer.notes.push('The build context is not known here, so the size of what is copied is unknown.');
    layer.seconds = STEP_SECONDS.copyBase;
    return;
  }
  const exclude = ins.flags.filter((f) => f.name === 'exclude' && f.value).map((f) => processWord(f.value as string, step.vars, ctx.model.escapeChar).value);
  const resolved = resolveCopy(index, local, destPath, args.dest, exclude);
  for (const m of resolved.missing) layer.notes.push(`\`${m}\` is not in the build context: the build fails here.`);
  for (const m of resolved.noMatch) layer.notes.push(`\`${m}\` matches nothing in the build context: this step copies nothing for it.`);
  for (const { source, effect } of resolved.excluded) {
    // the files never reach the builder, so changing them never invalidates this step either
    const what =
      effect === 'fails'
        ? 'the build fails here ("not found")'
        : effect === 'empty-directory'
          ? 'everything in it is left out, so this step copies an empty directory'
          : 'everything it matches is left out, so this step copies nothing for it';
    layer.notes.push(`\`${source}\` is excluded by .dockerignore: ${what}. A change to those files never reaches the build, so it never invalidates this step.`);
  }
  layer.contextFiles = resolved.files.map((f) => f.source);
  for (const f of resolved.files) writes.push({ path: f.dest, bytes: f.size, dir: false, certainty: 'exact', source: f.source });
  let bytes = resolved.bytes;
  let certainty: Certainty = 'exact';
  if (ins.keyword === 'ADD') {
    const archives = resolved.files.filter((f) => /\.(tar|tar\.gz|tgz|tar\.bz2|tar\.xz|txz)$/i.test(f.source));
    if (archives.length > 0) {
      // ADD unpacks local archives: the layer holds the extracted files, usually a few times larger
      const packed = archives.reduce((n, f) => n + f.size, 0);
      bytes += packed * 2;
      certainty = 'estimate';
      layer.notes.push(`ADD extracts ${archives.map((a) => a.source).join(', ')} into the image; the size is an estimate.`);
    }
  }
  if (remote.length > 0) {
    layer.bytes = null;
    layer.certainty = 'unknown';
  } else setSize(layer, bytes, certainty);
  layer.seconds = STEP_SECONDS.copyBase + bytes / MB / STEP_SECONDS.copyMBPerSecond + (remote.length > 0 ? STEP_SECONDS.download : 0);
  const chown = ins.flags.find((f) => f.name === 'chown');
  if (chown && chown.value) layer.notes.push(`Files are owned by ${chown.value} as they are copied: no extra layer, unlike a later chown -R.`);
}

function copyFromLayer(ctx: ImageContext, stage: Stage, from: string, sources: string[], destPath: string, destWritten: string, layer: Layer, writes: Write[]): void {
  layer.seconds = STEP_SECONDS.copyBase;
  const sourceStage = ctx.model.stages.find((s) => s.index < stage.index && (s.name === from.toLowerCase() || String(s.index) === from));
  const sourceWrites = sourceStage ? chainWrites(ctx, sourceStage) : [];
  const imageFacts = sourceStage ? null : lookupBaseImage(parseImageReference(from));
  let total = 0;
  let certainty: Certainty = 'exact';
  let unknown = false;
  const destIsDir = destWritten.endsWith('/') || sources.length > 1;

  for (const raw of sources) {
    // sources of COPY --from are paths in the source stage, from its root
    const src = resolvePath('/', raw);
    const inside = sourceWrites.filter((w) => isWithin(w.path, src));
    const around = sourceWrites.filter((w) => w.dir && isWithin(src, w.path) && w.path !== src);
    if (inside.length > 0) {
      // a file written twice ships once (the last version); directories written as a whole add up
      const latest = new Map<string, Write>();
      inside.forEach((w, k) => latest.set(w.dir ? `${w.path}\u0000${k}` : w.path, w));
      for (const w of latest.values()) {
        total += w.bytes;
        if (w.certainty !== 'exact') certainty = 'estimate';
        let dest: string;
        if (w.path !== src) dest = resolvePath(destPath, w.path.slice(src === '/' ? 1 : src.length + 1));
        else if (w.dir) dest = destPath; // a directory copies its contents
        else dest = destIsDir ? resolvePath(destPath, basename(src)) : destPath;
        writes.push({ ...w, path: dest });
      }
    } else if (around.length > 0) {
      // part of a directory written as a whole: at most that directory
      const w = around[around.length - 1];
      total += w.bytes;
      certainty = 'estimate';
      writes.push({ path: destPath, bytes: w.bytes, dir: true, certainty: 'estimate' });
      layer.notes.push(`\`${raw}\` is part of ${w.path}, which ${from} builds; its size is at most that directory's.`);
    } else if (SYSTEM_FILES[src] !== undefined) {
      total += SYSTEM_FILES[src];
      certainty = certainty === 'exact' ? 'estimate' : certainty;
      writes.push({ path: destIsDir ? resolvePath(destPath, basename(src)) : destPath, bytes: SYSTEM_FILES[src], dir: false, certainty: 'estimate' });
    } else {
      unknown = true;
      layer.notes.push(
        sourceStage
          ? `Shipshape cannot tell what \`${raw}\` holds in stage ${sourceStage.name ?? sourceStage.index}.`
          : `\`${raw}\` comes from the image ${from}${imageFacts ? '' : ', which Shipshape does not know'}; its size is unknown.`,
      );
    }
  }
  if (unknown) {
    layer.bytes = null;
    layer.certainty = 'unknown';
  } else setSize(layer, total, certainty);
  layer.seconds += total / MB / STEP_SECONDS.copyMBPerSecond;
}

function setSize(layer: Layer, bytes: number, certainty: Certainty): void {
  layer.bytes = Math.round(bytes);
  layer.certainty = certainty;
}

// ---------------------------------------------------------------------------------------------
// RUN
// ---------------------------------------------------------------------------------------------

interface RunState {
  mb: number;
  unknown: boolean;
  seconds: number;
  kinds: Set<StepKind>;
  packages: string[];
  notes: string[];
  /** Package name -> MB, per manager, to subtract removals in the same RUN. */
  installed: Map<string, number>;
  /** apk --virtual NAME -> its packages. */
  virtuals: Map<string, string[]>;
  aptLists: boolean;
  apkIndex: boolean;
  pipCacheMB: number;
  npmCacheMB: number;
  goBuildCacheMB: number;
  venvs: string[];
}

function runLayer(ctx: ImageContext, stage: Stage, step: StepState, layer: Layer, writes: Write[]): void {
  const ins = step.instruction;
  layer.metadataOnly = false;
  const state: RunState = {
    mb: 0,
    unknown: false,
    seconds: 0,
    kinds: new Set(),
    packages: [],
    notes: [],
    installed: new Map(),
    virtuals: new Map(),
    aptLists: false,
    apkIndex: false,
    pipCacheMB: 0,
    npmCacheMB: 0,
    goBuildCacheMB: 0,
    venvs: [],
  };
  const commands = ins.execForm ? execCommands(ins) : ins.commands;
  for (const cmd of commands) runCommand(ctx, stage, step, cmd, state, writes);
  let mb = state.mb;
  if (state.aptLists) {
    mb += LEFTOVER_MB.aptLists;
    state.notes.push(`apt lists stay in this layer (about ${LEFTOVER_MB.aptLists} MB): end the same RUN with \`rm -rf /var/lib/apt/lists/*\`.`);
  }
  if (state.apkIndex) {
    mb += LEFTOVER_MB.apkIndex;
    state.notes.push('apk keeps its index in /var/cache/apk: use `apk add --no-cache`.');
  }
  if (state.pipCacheMB > 0) {
    mb += state.pipCacheMB;
    state.notes.push(`pip keeps downloaded wheels in ~/.cache/pip (about ${round(state.pipCacheMB)} MB): use --no-cache-dir or a cache mount.`);
  }
  if (state.npmCacheMB > 0) {
    mb += state.npmCacheMB;
    state.notes.push(`npm keeps its cache in ~/.npm (about ${round(state.npmCacheMB)} MB): use a cache mount or \`npm cache clean --force\`.`);
  }
  if (state.goBuildCacheMB > 0) {
    mb += state.goBuildCacheMB;
    state.notes.push(`Go's build cache stays in the layer (about ${state.goBuildCacheMB} MB): use \`--mount=type=cache,target=/root/.cache/go-build\`.`);
  }
  layer.kind = KIND_ORDER.find((k) => state.kinds.has(k)) ?? 'other';
  layer.packages = state.packages;
  layer.notes.push(...state.notes);
  layer.seconds = Math.max(state.seconds, STEP_SECONDS.other);
  if (state.unknown) {
    layer.bytes = null;
    layer.certainty = 'unknown';
  } else {
    layer.bytes = Math.round(Math.max(0, mb) * MB);
    layer.certainty = 'estimate';
  }
}

/** `RUN ["pip", "install", "flask"]`: the words as one command. */
function execCommands(ins: Instruction): ShellCommand[] {
  const words = ins.execForm ?? [];
  if (words.length === 0) return [];
  const range = ins.range;
  return [
    {
      program: words[0],
      name: basename(words[0]),
      args: words.slice(1).map((value) => ({ value, range })),
      programRange: range,
      range,
      assignments: [],
      redirects: [],
    },
  ];
}

function round(mb: number): number {
  return mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10;
}

function sizeOf(manager: SizedManager, name: string): number {
  const table = PACKAGE_SIZES_MB[manager];
  return table.packages[name.toLowerCase()] ?? table.default;
}

/** Expands `$VAR` with the RUN's variables, for paths. */
function expandWord(value: string, step: StepState): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => step.vars.get((a ?? b) as string) ?? '');
}

function runCommand(ctx: ImageContext, stage: Stage, step: StepState, cmd: ShellCommand, state: RunState, writes: Write[]): void {
  const workdir = step.workdir ?? '/';
  for (const removed of removedPaths(cmd)) {
    const path = resolvePath(workdir, expandWord(removed, step));
    if (path === '/var/lib/apt/lists') state.aptLists = false;
    if (path === '/var/cache/apk') state.apkIndex = false;
    if (/\/\.cache\/pip$|\/\.cache$/.test(path) || path === '/root/.cache/pip') state.pipCacheMB = 0;
    if (/\/\.npm$/.test(path)) state.npmCacheMB = 0;
    if (/\/\.cache\/go-build$/.test(path)) state.goBuildCacheMB = 0;
    const earlier = writes.filter((w) => isWithin(w.path, path));
    if (earlier.length > 0) {
      const bytes = earlier.reduce((n, w) => n + w.bytes, 0);
      state.notes.push(`\`rm ${removed}\` does not shrink the image: the ${formatMB(bytes)} written by an earlier layer stay in it.`);
    }
  }

  const pm = parsePackageManagerCommand(cmd);
  if (pm) {
    packageCommand(ctx, stage, step, pm, state, writes);
    return;
  }
  const u = unwrapCommand(cmd);
  const name = u?.name ?? cmd.name;
  const args = (u?.args ?? cmd.args).map((a) => expandWord(a.value, step));

  switch (name) {
    case 'curl':
    case 'wget': {
      state.kinds.add('download');
      state.seconds += STEP_SECONDS.download;
      const writesFile = args.some((a) => /^-(o|O|-output|-remote-name|-output-document)/.test(a) || a === '-O' || a === '-o') || name === 'wget';
      const piped = cmd.before === '|';
      if (writesFile && !piped) {
        state.unknown = true;
        state.notes.push(`${name} downloads a file whose size Shipshape cannot know.`);
      } else if (piped) {
        state.unknown = true;
        state.notes.push(`What the script ${name} pipes into the shell installs is unknown.`);
      }
      return;
    }
    case 'chown':
    case 'chmod':
    case 'chgrp': {
      state.kinds.add('other');
      state.seconds += STEP_SECONDS.other;
      if (!args.some((a) => /^-[A-Za-z]*R/.test(a) || a === '--recursive')) return;
      const paths = args.filter((a) => !a.startsWith('-')).slice(1);
      let dup = 0;
      for (const p of paths) {
        const path = resolvePath(workdir, p);
        for (const w of writes) if (isWithin(w.path, path)) dup += w.bytes;
      }
      if (dup > 0) {
        state.mb += dup / MB;
        state.notes.push(
          `\`${name} -R\` rewrites ${formatMB(dup)} copied by earlier layers, so they ship twice${name === 'chown' ? ': use COPY --chown instead' : ': use COPY --chmod instead'}.`,
        );
      }
      return;
    }
    case 'python':
    case 'python3': {
      const m = args.indexOf('-m');
      if (m >= 0 && (args[m + 1] === 'venv' || args[m + 1] === 'virtualenv')) {
        const target = args.slice(m + 2).find((a) => !a.startsWith('-'));
        if (target) {
          const path = resolvePath(workdir, target);
          state.venvs.push(path);
          state.mb += 20;
          writes.push({ path, bytes: 20 * MB, dir: true, certainty: 'estimate' });
        }
        state.kinds.add('other');
        state.seconds += 3;
        return;
      }
      if (args.includes('collectstatic')) {
        state.kinds.add('compile');
        state.mb += 5;
        state.seconds += 10;
        return;
      }
      state.kinds.add('other');
      state.seconds += STEP_SECONDS.other;
      state.mb += PROJECT_ESTIMATES_MB.small;
      return;
    }
    case 'mvn':
    case 'mvnw':
    case 'gradle':
    case 'gradlew':
    case 'cargo':
    case 'make':
    case 'cmake':
    case 'dotnet': {
      const estimates: Record<string, [number, number]> = {
        mvn: [PROJECT_ESTIMATES_MB.maven, STEP_SECONDS.maven],
        mvnw: [PROJECT_ESTIMATES_MB.maven, STEP_SECONDS.maven],
        gradle: [PROJECT_ESTIMATES_MB.gradle, STEP_SECONDS.gradle],
        gradlew: [PROJECT_ESTIMATES_MB.gradle, STEP_SECONDS.gradle],
        cargo: [PROJECT_ESTIMATES_MB.cargo, STEP_SECONDS.cargo],
        make: [PROJECT_ESTIMATES_MB.make, STEP_SECONDS.make],
        cmake: [PROJECT_ESTIMATES_MB.make, STEP_SECONDS.make],
        dotnet: [PROJECT_ESTIMATES_MB.maven, STEP_SECONDS.maven],
      };
      const [mb, seconds] = estimates[name];
      if (name === 'cmake' && !args.includes('--build')) {
        state.kinds.add('other');
        state.seconds += 5;
        return;
      }
      state.kinds.add('compile');
      state.mb += mb;
      state.seconds += seconds;
      writes.push({ path: workdir, bytes: mb * MB, dir: true, certainty: 'estimate' });
      return;
    }
    default:
      state.kinds.add('other');
      state.seconds += STEP_SECONDS.other;
      // commands that write nothing to the filesystem add nothing to the layer
      if (!NO_WRITE_COMMANDS.has(name) || cmd.redirects.some((r) => r.op.startsWith('>') && r.target !== '/dev/null')) state.mb += PROJECT_ESTIMATES_MB.small;
  }
}

function formatMB(bytes: number): string {
  const mb = bytes / MB;
  return mb >= 1 ? `${round(mb)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

/** A context file the image has at `path` (copied by an earlier COPY of this stage or its bases). */
function contextFileAt(ctx: ImageContext, stage: Stage, path: string, writes: Write[]): string | undefined {
  const all = [...stageChain(ctx, stage).slice(0, -1).flatMap((s) => analyse(ctx, s.index).writes), ...writes];
  const w = [...all].reverse().find((x) => x.path === path && x.source !== undefined);
  if (!w?.source) return undefined;
  return ctx.input.context?.find((f) => f.path === w.source || f.path === `./${w.source}`)?.content;
}

function packageCommand(ctx: ImageContext, stage: Stage, step: StepState, pm: PackageManagerCommand, state: RunState, writes: Write[]): void {
  const ins = step.instruction;
  const workdir = step.workdir ?? '/';
  switch (pm.manager) {
    case 'apt':
    case 'apk':
    case 'dnf':
    case 'yum':
    case 'zypper': {
      const manager: SizedManager = pm.manager === 'apt' ? 'apt' : pm.manager === 'apk' ? 'apk' : 'dnf';
      if (pm.action === 'update') {
        state.kinds.add('package-install');
        state.seconds += STEP_SECONDS.aptUpdate;
        if (pm.manager === 'apt') state.aptLists = true;
        if (pm.manager === 'apk' && !hasFlag(pm, '--no-cache')) state.apkIndex = true;
        return;
      }
      if (pm.action === 'clean' && pm.manager === 'apk') state.apkIndex = false;
      if (pm.action === 'install') {
        state.kinds.add('package-install');
        const names = pm.packages.map((p) => p.name);
        let mb = 0;
        for (const n of names) {
          const size = sizeOf(manager, n);
          state.installed.set(n, size);
          mb += size;
        }
        if (pm.manager === 'apt' && !hasFlag(pm, '--no-install-recommends')) {
          const extra = mb * LEFTOVER_MB.aptRecommendsRatio;
          mb += extra;
          state.notes.push(`Without --no-install-recommends apt also installs recommended packages (about ${round(extra)} MB more here).`);
        }
        if (pm.manager === 'apk') {
          const virtual = flagValue(pm, '--virtual', '-t');
          if (virtual) state.virtuals.set(virtual, names);
          if (!hasFlag(pm, '--no-cache')) state.apkIndex = true;
        }
        state.mb += mb;
        state.packages.push(...names);
        const perPackage = manager === 'apk' ? STEP_SECONDS.apkPerPackage : manager === 'dnf' ? STEP_SECONDS.dnfPerPackage : STEP_SECONDS.aptPerPackage;
        const baseSeconds = manager === 'apk' ? STEP_SECONDS.apkBase : manager === 'dnf' ? STEP_SECONDS.dnfBase : STEP_SECONDS.aptInstallBase;
        state.seconds += baseSeconds + perPackage * names.length;
        return;
      }
      if (pm.action === 'remove') {
        for (const p of pm.packages) {
          const group = state.virtuals.get(p.name);
          for (const n of group ?? [p.name]) {
            const size = state.installed.get(n);
            if (size !== undefined) {
              state.mb -= pm.manager === 'apt' && !group ? size * (1 + LEFTOVER_MB.aptRecommendsRatio) : size;
              state.installed.delete(n);
            }
          }
        }
        state.seconds += 2;
        return;
      }
      state.kinds.add('package-install');
      state.seconds += STEP_SECONDS.aptInstallBase;
      if (pm.action === 'upgrade') {
        state.mb += 20;
        state.notes.push('An upgrade changes packages of the base image: this layer holds new copies of them.');
      }
      return;
    }
    case 'pip': {
      if (pm.action === 'clean') {
        state.pipCacheMB = 0;
        return;
      }
      if (pm.action !== 'install') return;
      state.kinds.add('dependency-install');
      let mb = 0;
      let count = 0;
      const req = pm.flags.filter((f) => f.name === '-r' || f.name === '--requirement').map((f) => f.value ?? '');
      for (const r of req) {
        const content = contextFileAt(ctx, stage, resolvePath(workdir, expandWord(r, step)), writes);
        if (content !== undefined) {
          const names = requirementNames(content);
          for (const n of names) mb += sizeOf('pip', n);
          count += names.length;
          state.packages.push(...names);
        } else {
          mb += PROJECT_ESTIMATES_MB.pipRequirements;
          count += 10;
          state.notes.push(`The contents of ${r} are not known: the size is a typical web app's dependencies.`);
        }
      }
      for (const p of pm.packages) {
        if (p.kind === 'registry') {
          mb += sizeOf('pip', p.name);
          state.packages.push(p.name);
        } else mb += PACKAGE_SIZES_MB.pip.default;
        count++;
      }
      state.mb += mb;
      state.seconds += req.length > 0 && count === 10 * req.length ? STEP_SECONDS.pipRequirements : STEP_SECONDS.pipBase + STEP_SECONDS.pipPerPackage * count;
      const noCache =
        hasFlag(pm, '--no-cache-dir') ||
        step.env.has('PIP_NO_CACHE_DIR') ||
        pm.environment.has('PIP_NO_CACHE_DIR') ||
        mountCovers(ins, '/root/.cache/pip') ||
        mountCovers(ins, `${step.env.get('HOME') ?? '/root'}/.cache/pip`);
      if (!noCache) state.pipCacheMB += mb * LEFTOVER_MB.pipCacheRatio;
      const earlier = [...stageChain(ctx, stage).slice(0, -1).flatMap((st) => analyse(ctx, st.index).writes), ...writes];
      writes.push({ path: pipTarget(pm, step, state, earlier), bytes: mb * MB, dir: true, certainty: 'estimate' });
      return;
    }
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      if (pm.action === 'clean') {
        state.npmCacheMB = 0;
        return;
      }
      // `npm run build`, `yarn build`, `pnpm build`: yarn and pnpm run a script named like an unknown subcommand
      if (pm.subcommand === 'run' || pm.subcommand === 'run-script' || (pm.manager !== 'npm' && pm.subcommand === 'build')) {
        const script = pm.subcommand === 'build' ? 'build' : (pm.operands[0]?.value ?? '');
        if (/build|compile|bundle|dist/.test(script)) {
          state.kinds.add('compile');
          state.mb += PROJECT_ESTIMATES_MB.frontendBuild;
          state.seconds += STEP_SECONDS.frontendBuild;
          writes.push({ path: workdir, bytes: PROJECT_ESTIMATES_MB.frontendBuild * MB, dir: true, certainty: 'estimate' });
        } else {
          state.kinds.add('other');
          state.seconds += 5;
        }
        return;
      }
      if (pm.action !== 'install') return;
      state.kinds.add('dependency-install');
      let mb = 0;
      if (pm.packages.length > 0) {
        for (const p of pm.packages) mb += sizeOf('npm', p.name);
        state.packages.push(...pm.packages.map((p) => p.name));
      } else {
        const pkgJson = contextFileAt(ctx, stage, resolvePath(workdir, 'package.json'), writes);
        const production =
          hasFlag(pm, '--production', '--prod') ||
          (flagValue(pm, '--omit') ?? '') === 'dev' ||
          step.env.get('NODE_ENV') === 'production' ||
          pm.environment.get('NODE_ENV') === 'production';
        const deps = pkgJson !== undefined ? dependencyNames(pkgJson, production) : null;
        if (deps) {
          for (const d of deps) mb += Math.max(sizeOf('npm', d), PROJECT_ESTIMATES_MB.nodeDependency);
          state.packages.push(...deps);
        } else {
          mb += PROJECT_ESTIMATES_MB.nodeModules;
          state.notes.push('package.json is not known: the size is a typical node_modules.');
        }
        if (!production && deps) state.notes.push('devDependencies are installed too: use `npm ci --omit=dev` for the image you ship.');
      }
      state.mb += mb;
      state.seconds += STEP_SECONDS.nodeInstall;
      const cacheDir = `${step.env.get('HOME') ?? '/root'}/.npm`;
      if (pm.manager === 'npm' && !mountCovers(ins, cacheDir) && !mountCovers(ins, '/root/.npm')) state.npmCacheMB += mb * LEFTOVER_MB.npmCacheRatio;
      const target = pm.global ? '/usr/local/lib/node_modules' : resolvePath(workdir, 'node_modules');
      writes.push({ path: target, bytes: mb * MB, dir: true, certainty: 'estimate' });
      return;
    }
    case 'go': {
      const sub = pm.subcommand;
      if (sub === 'mod download' || (sub === 'mod' && pm.operands[0]?.value === 'download')) {
        state.kinds.add('dependency-install');
        state.seconds += STEP_SECONDS.goModDownload;
        if (!mountCovers(ins, '/go/pkg/mod')) {
          state.mb += PROJECT_ESTIMATES_MB.goModules;
          writes.push({ path: '/go/pkg/mod', bytes: PROJECT_ESTIMATES_MB.goModules * MB, dir: true, certainty: 'estimate' });
        }
        return;
      }
      if (sub === 'build' || sub === 'install') {
        state.kinds.add('compile');
        state.seconds += STEP_SECONDS.goBuild;
        const out = flagValue(pm, '-o');
        const binary = PROJECT_ESTIMATES_MB.goBinary;
        state.mb += binary;
        const path = out ? resolvePath(workdir, expandWord(out, step)) : sub === 'install' ? '/go/bin' : workdir;
        writes.push({ path, bytes: binary * MB, dir: !out || out.endsWith('/'), certainty: 'estimate' });
        if (!mountCovers(ins, '/root/.cache/go-build')) state.goBuildCacheMB = PROJECT_ESTIMATES_MB.goBuildCache;
        return;
      }
      state.kinds.add('other');
      state.seconds += 5;
      return;
    }
    case 'gem': {
      if (pm.action !== 'install') return;
      state.kinds.add('dependency-install');
      let mb = 0;
      for (const p of pm.packages) mb += sizeOf('gem', p.name);
      state.mb += mb;
      state.packages.push(...pm.packages.map((p) => p.name));
      state.seconds += STEP_SECONDS.pipBase + STEP_SECONDS.pipPerPackage * pm.packages.length;
      return;
    }
  }
}

/** Where pip installs: --target / --prefix / --user, a venv on PATH, or the system site-packages. */
function pipTarget(pm: PackageManagerCommand, step: StepState, state: RunState, stageWrites: readonly Write[]): string {
  const workdir = step.workdir ?? '/';
  const target = flagValue(pm, '-t', '--target') ?? flagValue(pm, '--prefix') ?? flagValue(pm, '--root');
  if (target) return resolvePath(workdir, expandWord(target, step));
  if (hasFlag(pm, '--user')) return `${step.env.get('HOME') ?? '/root'}/.local`;
  const tool = pm.toolWord.value;
  const venvFromTool = /^(.*)\/bin\/(pip|python)[\d.]*$/.exec(tool);
  if (venvFromTool) return venvFromTool[1];
  const virtualEnv = step.env.get('VIRTUAL_ENV');
  if (virtualEnv) return virtualEnv;
  // a venv whose bin directory is first on PATH (`ENV PATH=/opt/venv/bin:$PATH`)
  const first = (step.env.get('PATH') ?? '').split(':')[0] ?? '';
  if (first.endsWith('/bin')) {
    const root = first.slice(0, -4);
    if (state.venvs.includes(root) || stageWrites.some((w) => w.dir && w.path === root)) return root;
  }
  return '/usr/local/lib';
}

/** Package names in a requirements file (options, comments and includes skipped). */
export function requirementNames(content: string): string[] {
  const names: string[] = [];
  for (const raw of content.split(/\r?\n/)) {
    // cut at the first `#` (`/#.*$/` backtracks quadratically on a long run of `#`)
    const hash = raw.indexOf('#');
    const line = (hash < 0 ? raw : raw.slice(0, hash)).trim();
    if (line === '' || line.startsWith('-')) continue;
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)/.exec(line);
    if (m) names.push(m[1].toLowerCase());
  }
  return names;
}

/** Direct dependencies in package.json (devDependencies too unless `production`); null when it does not parse. */
export function dependencyNames(content: string, production: boolean): string[] | null {
  try {
    const json = JSON.parse(content) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    return [...Object.keys(json.dependencies ?? {}), ...(production ? [] : Object.keys(json.devDependencies ?? {}))];
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// The final image
// ---------------------------------------------------------------------------------------------

/** The layers of a stage's image, base row first: its FROM chain's stages, oldest first. */
export function imageLayers(ctx: ImageContext, stage: Stage): Layer[] {
  const chain = stageChain(ctx, stage);
  return chain.flatMap((s, k) => stageLayers(ctx, s.index).layers.filter((l) => k === 0 || l.keyword !== 'FROM'));
}

export function imageTotals(ctx: ImageContext, stage: Stage): ImageTotals {
  const layers = imageLayers(ctx, stage);
  const baseRow = layers[0];
  const own = layers.slice(1);
  const addedBytes = own.reduce((n, l) => n + (l.bytes ?? 0), 0);
  const unknownLayers = own.filter((l) => l.bytes === null).length;
  const baseBytes = baseRow.bytes;
  return {
    baseBytes,
    addedBytes,
    totalBytes: baseBytes === null ? null : baseBytes + addedBytes,
    lowerBound: unknownLayers > 0 || baseBytes === null,
    unknownLayers,
  };
}

/** Every stage, and what it contributes to the image built for `target` (the final stage by default). */
export function stageSummaries(ctx: ImageContext, target: Stage): StageSummary[] {
  const chain = new Set(stageChain(ctx, target).map((s) => s.index));
  const needed = stagesNeeded(ctx, target);
  // stages whose files reach the final image: copied from by the chain, transitively through their own chains
  const copied = new Set<number>();
  const visit = (s: Stage) => {
    for (const i of s.copiesFrom) {
      const src = ctx.model.stages[i];
      if (!src) continue;
      for (const c of stageChain(ctx, src)) {
        if (copied.has(c.index) || chain.has(c.index)) continue;
        copied.add(c.index);
      }
    }
  };
  for (const i of chain) visit(ctx.model.stages[i]);
  return ctx.model.stages.map((s) => ({
    index: s.index,
    name: s.name ?? null,
    base: baseOf(ctx, s).reference,
    inFinalImage: chain.has(s.index),
    copiedIntoFinal: copied.has(s.index),
    built: needed.has(s.index),
    addedBytes: stageLayers(ctx, s.index).addedBytes,
  }));
}
