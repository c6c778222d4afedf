/**
 * The image config a stage produces, as `docker inspect` shows it (Config.User, Env, Cmd, ...),
 * computed the way BuildKit's Dockerfile frontend dispatches each instruction. What the base image
 * sets comes from data/base-images.ts, from the stage it is `FROM`, or is reported as unknown:
 * Shipshape never guesses a value it cannot know.
 */
import { AUTOMATIC_PLATFORM_ARGS, type Instruction, type Stage } from '../model.ts';
import type { BaseConfigField } from '../data/base-images.ts';
import { baseOf, memo, type BaseInfo, type ImageContext } from './state.ts';
import {
  formatDuration,
  parseDuration,
  parseJsonArray,
  parseKeyValues,
  processWord,
  resolvePath,
  splitWords,
  type Variables,
} from './words.ts';

export type ConfigField =
  | 'User'
  | 'Env'
  | 'WorkingDir'
  | 'Entrypoint'
  | 'Cmd'
  | 'ExposedPorts'
  | 'Healthcheck'
  | 'StopSignal'
  | 'Labels'
  | 'Volumes'
  | 'Shell';

export const CONFIG_FIELDS: readonly ConfigField[] = [
  'User',
  'Env',
  'WorkingDir',
  'Entrypoint',
  'Cmd',
  'ExposedPorts',
  'Healthcheck',
  'StopSignal',
  'Labels',
  'Volumes',
  'Shell',
];

export interface Healthcheck {
  /** `["CMD", ...]`, `["CMD-SHELL", "..."]` or `["NONE"]`. */
  Test: string[];
  Interval: string;
  Timeout: string;
  StartPeriod: string;
  StartInterval: string;
  Retries: number;
  /** The options not written, so Docker's defaults apply. */
  defaults: ('Interval' | 'Timeout' | 'StartPeriod' | 'StartInterval' | 'Retries')[];
}

/** Config as `docker inspect` shows it. A field listed in StageConfig.unknown is not known. */
export interface ImageConfig {
  User: string;
  Env: string[];
  WorkingDir: string;
  Entrypoint: string[] | null;
  Cmd: string[] | null;
  ExposedPorts: Record<string, Record<string, never>>;
  Healthcheck: Healthcheck | null;
  StopSignal: string | null;
  Labels: Record<string, string>;
  Volumes: Record<string, Record<string, never>>;
  Shell: string[] | null;
  OnBuild: string[];
}

export interface ConfigUnknown {
  field: ConfigField;
  /** True when the shown value is known but the base image may add more (Env, Labels, ports, volumes). */
  partial: boolean;
  detail: string;
}

export interface StageConfig {
  stage: number;
  stageName: string | null;
  base: BaseInfo;
  config: ImageConfig;
  unknown: ConfigUnknown[];
  /** Variables the base sets whose values Shipshape does not know (PYTHON_VERSION): present, value not shown. */
  envUnknownValues: string[];
  /** Where each field was last set: an instruction index (model.instructions), or 'base'. */
  origin: Partial<Record<ConfigField, number | 'base'>>;
  /** What the container runs: Entrypoint followed by Cmd; null when unknown or empty. */
  command: string[] | null;
  /** True when the command is a shell wrapping the real process (shell form), so signals reach the shell. */
  shellFormCommand: boolean;
  /** Things worth telling the learner about how the config came to be. */
  notes: string[];
}

/** What a RUN, COPY or other instruction sees when it runs: for layers, users and cache. */
export interface StepState {
  instruction: Instruction;
  /** Working directory; null when unknown (relative WORKDIR on an unknown base). */
  workdir: string | null;
  /** Variables visible to the instruction: ARGs in scope and ENV (ENV wins). null = value unknown. */
  vars: Map<string, string | null>;
  /** The image's environment at that point (what RUN commands see besides ARGs). */
  env: Map<string, string | null>;
  /** Config.User at that point ('' = root); null when unknown. */
  user: string | null;
  /** The shell a shell-form RUN runs with (SHELL, or /bin/sh -c). */
  shell: string[];
}

export interface StageWalk {
  config: StageConfig;
  steps: StepState[];
  /** The environment at the end of the stage, with knowledge of each value (for stages built on it). */
  env: Map<string, EnvValue | null>;
  /** Build arguments in scope at the end of the stage. */
  args: Map<string, string | null>;
  /** True when the base's environment is unknown: any variable not set here may be set there. */
  openEnv: boolean;
}

export const DEFAULT_SHELL = ['/bin/sh', '-c'];
export const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const HEALTH_DEFAULTS = { Interval: 30, Timeout: 30, StartPeriod: 0, StartInterval: 5, Retries: 3 };

const FACT_FIELD: Record<BaseConfigField, ConfigField> = {
  cmd: 'Cmd',
  entrypoint: 'Entrypoint',
  workdir: 'WorkingDir',
  expose: 'ExposedPorts',
  stopSignal: 'StopSignal',
  env: 'Env',
  labels: 'Labels',
};
const PARTIAL_FIELDS = new Set<ConfigField>(['Env', 'Labels', 'ExposedPorts', 'Volumes']);

export interface EnvValue {
  value: string;
  /** False when the value contains parts Shipshape does not know. */
  known: boolean;
}

/** Mutable walk state. */
interface Walk {
  config: ImageConfig;
  env: Map<string, EnvValue | null>;
  args: Map<string, string | null>;
  unknown: Map<ConfigField, ConfigUnknown>;
  origin: Partial<Record<ConfigField, number | 'base'>>;
  cmdSet: boolean;
  /** The base's environment is unknown (unknown image): unset variables are unknown, not empty. */
  openEnv: boolean;
  cmdShellForm: boolean;
  entrypointShellForm: boolean;
  notes: string[];
}

function emptyConfig(): ImageConfig {
  return {
    User: '',
    Env: [],
    WorkingDir: '',
    Entrypoint: null,
    Cmd: null,
    ExposedPorts: {},
    Healthcheck: null,
    StopSignal: null,
    Labels: {},
    Volumes: {},
    Shell: null,
    OnBuild: [],
  };
}

function cloneConfig(c: ImageConfig): ImageConfig {
  return {
    ...c,
    Env: [...c.Env],
    Entrypoint: c.Entrypoint ? [...c.Entrypoint] : null,
    Cmd: c.Cmd ? [...c.Cmd] : null,
    ExposedPorts: { ...c.ExposedPorts },
    Healthcheck: c.Healthcheck ? { ...c.Healthcheck, Test: [...c.Healthcheck.Test], defaults: [...c.Healthcheck.defaults] } : null,
    Labels: { ...c.Labels },
    Volumes: { ...c.Volumes },
    Shell: c.Shell ? [...c.Shell] : null,
    OnBuild: [...c.OnBuild],
  };
}

function markUnknown(w: Walk, field: ConfigField, detail: string, partial = PARTIAL_FIELDS.has(field)): void {
  if (!w.unknown.has(field)) w.unknown.set(field, { field, partial, detail });
}

/** Sets a whole field: it is now known (a partial field stays partial: the base may still add entries). */
function setField(w: Walk, field: ConfigField, index: number): void {
  const u = w.unknown.get(field);
  if (u && !u.partial) w.unknown.delete(field);
  w.origin[field] = index;
}

function initialWalk(ctx: ImageContext, stage: Stage, base: BaseInfo): Walk {
  const w: Walk = {
    config: emptyConfig(),
    env: new Map(),
    args: new Map(),
    unknown: new Map(),
    origin: {},
    cmdSet: false,
    openEnv: false,
    cmdShellForm: false,
    entrypointShellForm: false,
    notes: [],
  };
  if (base.kind === 'stage' && base.stage !== null) {
    const parent = stageWalk(ctx, base.stage);
    w.config = cloneConfig(parent.config.config);
    for (const u of parent.config.unknown) w.unknown.set(u.field, { ...u });
    for (const [k, v] of parent.env) w.env.set(k, v);
    w.openEnv = parent.openEnv;
    for (const f of CONFIG_FIELDS) if (parent.config.origin[f] !== undefined) w.origin[f] = 'base';
    w.cmdShellForm = parent.config.shellFormCommand && parent.config.config.Cmd !== null && parent.config.config.Entrypoint === null;
    if (parent.config.config.OnBuild.length > 0) {
      w.notes.push(`Stage ${base.reference} has ONBUILD triggers; they run at the start of this stage and are not part of this preview.`);
    }
    w.config.OnBuild = [];
    return w;
  }
  if (base.kind === 'scratch') {
    // BuildKit's empty image: WorkingDir "/" and a default PATH, nothing else
    w.config.WorkingDir = '/';
    w.env.set('PATH', { value: DEFAULT_PATH, known: true });
    w.origin.Env = 'base';
    w.origin.WorkingDir = 'base';
    return w;
  }
  const facts = base.facts;
  if (!facts) {
    const why = base.resolved
      ? `the base image \`${base.reference}\` is not one Shipshape knows`
      : `the base image reference \`${stage.baseText}\` depends on a build argument without a default`;
    for (const f of CONFIG_FIELDS) markUnknown(w, f, `Set by the base image: ${why}.`);
    w.openEnv = true;
    return w;
  }
  w.config.User = facts.user;
  w.config.WorkingDir = facts.workdir ?? '';
  w.config.Entrypoint = facts.entrypoint ? [...facts.entrypoint] : null;
  w.config.Cmd = facts.cmd ? [...facts.cmd] : null;
  for (const p of facts.expose ?? []) w.config.ExposedPorts[p] = {};
  w.config.StopSignal = facts.stopSignal ?? null;
  w.config.Labels = { ...(facts.labels ?? {}) };
  for (const [k, v] of Object.entries(facts.env ?? {})) w.env.set(k, { value: v, known: true });
  for (const k of facts.versionEnv ?? []) w.env.set(k, null);
  for (const f of CONFIG_FIELDS) w.origin[f] = 'base';
  for (const f of facts.unknownConfig ?? []) {
    markUnknown(w, FACT_FIELD[f], `Shipshape does not know what \`${base.reference}\` sets here.`);
  }
  return w;
}

/** Variables where any name not set is unknown (null) rather than empty: the base may set it. */
class OpenVariables extends Map<string, string | null> {
  override has(_name: string): boolean {
    return true;
  }
  override get(name: string): string | null {
    return super.has(name) ? (super.get(name) ?? null) : null;
  }
}

function variables(w: Walk): Map<string, string | null> {
  const vars = w.openEnv ? new OpenVariables(w.args) : new Map<string, string | null>(w.args);
  for (const [k, v] of w.env) vars.set(k, v && v.known ? v.value : null);
  return vars;
}

function envSnapshot(w: Walk): Map<string, string | null> {
  const env = new Map<string, string | null>();
  for (const [k, v] of w.env) env.set(k, v && v.known ? v.value : null);
  return env;
}

function shellOf(w: Walk): string[] {
  return w.config.Shell ?? DEFAULT_SHELL;
}

/** The stage's config and the state before each of its instructions. */
export function stageWalk(ctx: ImageContext, stageIndex: number): StageWalk {
  return memo(ctx, `walk:${stageIndex}`, () => computeWalk(ctx, ctx.model.stages[stageIndex]));
}

export function stageConfig(ctx: ImageContext, stageIndex: number): StageConfig {
  return stageWalk(ctx, stageIndex).config;
}

function computeWalk(ctx: ImageContext, stage: Stage): StageWalk {
  const base = baseOf(ctx, stage);
  const w = initialWalk(ctx, stage, base);
  const escape = ctx.model.escapeChar;
  const steps: StepState[] = [];
  const unknownUser = () => w.unknown.has('User') && !w.unknown.get('User')!.partial;

  // snapshots are shared by the steps between two ENV/ARG instructions: only those change them
  let vars: Map<string, string | null> | null = null;
  let env: Map<string, string | null> | null = null;
  for (const ins of stage.instructions) {
    vars ??= variables(w);
    env ??= envSnapshot(w);
    steps.push({
      instruction: ins,
      workdir: w.unknown.has('WorkingDir') ? null : w.config.WorkingDir || '/',
      vars,
      env,
      user: unknownUser() ? null : w.config.User,
      shell: shellOf(w),
    });
    dispatch(ctx, w, ins, vars, escape);
    if (ins.keyword === 'ENV' || ins.keyword === 'ARG') {
      vars = null;
      env = null;
    }
  }

  // Env in docker inspect order: base variables first, then the ones this Dockerfile adds
  const envUnknownValues: string[] = [];
  w.config.Env = [];
  const partialEnv: string[] = [];
  for (const [k, v] of w.env) {
    if (v === null) envUnknownValues.push(k);
    else {
      w.config.Env.push(`${k}=${v.value}`);
      if (!v.known) partialEnv.push(k);
    }
  }
  if (envUnknownValues.length > 0) {
    markUnknown(w, 'Env', `The base image sets ${envUnknownValues.map((k) => `\`${k}\``).join(', ')}; the values depend on the exact release.`, true);
  }
  if (partialEnv.length > 0 && !w.unknown.has('Env')) {
    markUnknown(w, 'Env', `${partialEnv.map((k) => `\`${k}\``).join(', ')} use a variable of the base image whose value Shipshape does not know.`, true);
  }

  const c = w.config;
  const cmdKnown = !(w.unknown.get('Cmd')?.partial === false);
  const entryKnown = !(w.unknown.get('Entrypoint')?.partial === false);
  const parts = [...(c.Entrypoint ?? []), ...(c.Cmd ?? [])];
  const command = cmdKnown && entryKnown && parts.length > 0 ? parts : null;
  const shellFormCommand = c.Entrypoint !== null ? w.entrypointShellForm : w.cmdShellForm;

  const config: StageConfig = {
    stage: stage.index,
    stageName: stage.name ?? null,
    base,
    config: c,
    unknown: CONFIG_FIELDS.filter((f) => w.unknown.has(f)).map((f) => w.unknown.get(f)!),
    envUnknownValues,
    origin: w.origin,
    command,
    shellFormCommand: command !== null && shellFormCommand,
    notes: w.notes,
  };
  return { config, steps, env: w.env, args: w.args, openEnv: w.openEnv };
}

function dispatch(ctx: ImageContext, w: Walk, ins: Instruction, vars: Variables, escape: string): void {
  const c = w.config;
  const text = ins.argumentsText;
  switch (ins.keyword) {
    case 'ARG': {
      for (const word of splitWords(text, escape)) {
        const eq = word.indexOf('=');
        const name = eq < 0 ? word : word.slice(0, eq);
        if (eq >= 0) {
          const v = processWord(word.slice(eq + 1), vars, escape);
          w.args.set(name, v.unknown.length > 0 ? null : v.value);
        } else if (ctx.model.globalArgs.get(name)) {
          // `ARG NAME` inside a stage takes the global ARG's default
          w.args.set(name, ctx.model.globalArgs.get(name) ?? '');
        } else if (AUTOMATIC_PLATFORM_ARGS.has(name)) {
          w.args.set(name, AUTOMATIC_PLATFORM_ARGS.get(name) ?? '');
        } else if (!w.args.has(name)) {
          w.notes.push(`ARG ${name} has no default: it is unset unless the build passes --build-arg ${name}=...`);
        }
      }
      return;
    }
    case 'ENV': {
      for (const kv of parseKeyValues(text, vars, escape)) {
        w.env.delete(kv.key); // a redefined variable moves to the end, as Docker keeps Env in order of definition
        w.env.set(kv.key, { value: kv.value, known: kv.unknown.length === 0 });
      }
      w.origin.Env = ins.index;
      return;
    }
    case 'WORKDIR': {
      const p = processWord(text.trim(), vars, escape);
      const current = w.unknown.has('WorkingDir') ? null : c.WorkingDir;
      if (p.value.startsWith('/') && p.unknown.length === 0) {
        c.WorkingDir = resolvePath('/', p.value);
        setField(w, 'WorkingDir', ins.index);
      } else if (current !== null && p.unknown.length === 0) {
        c.WorkingDir = resolvePath(current || '/', p.value);
        setField(w, 'WorkingDir', ins.index);
      } else {
        w.unknown.set('WorkingDir', { field: 'WorkingDir', partial: false, detail: `\`WORKDIR ${text.trim()}\` is relative to a directory (or uses a value) Shipshape does not know.` });
        w.origin.WorkingDir = ins.index;
      }
      return;
    }
    case 'USER': {
      const p = processWord(text.trim(), vars, escape);
      c.User = p.value;
      if (p.unknown.length === 0) setField(w, 'User', ins.index);
      else w.unknown.set('User', { field: 'User', partial: false, detail: `USER uses ${p.unknown.map((u) => `\`$${u}\``).join(', ')}, set by the base image.` });
      w.origin.User = ins.index;
      return;
    }
    case 'CMD': {
      const exec = ins.execForm;
      c.Cmd = exec ? [...exec] : [...shellOf(w), text];
      w.cmdShellForm = exec === null;
      w.cmdSet = true;
      setField(w, 'Cmd', ins.index);
      if (!exec) shellCaveat(w, 'Cmd');
      return;
    }
    case 'ENTRYPOINT': {
      const exec = ins.execForm;
      c.Entrypoint = exec ? [...exec] : [...shellOf(w), text];
      w.entrypointShellForm = exec === null;
      setField(w, 'Entrypoint', ins.index);
      if (!exec) shellCaveat(w, 'Entrypoint');
      if (!w.cmdSet) {
        // BuildKit: ENTRYPOINT resets a CMD inherited from the base; a CMD of this stage stays
        if (c.Cmd !== null || w.unknown.has('Cmd')) {
          w.notes.push('ENTRYPOINT resets the CMD inherited from the base image: write CMD in this stage (after or before ENTRYPOINT) to give it arguments.');
        }
        c.Cmd = null;
        setField(w, 'Cmd', ins.index);
      }
      return;
    }
    case 'SHELL': {
      if (ins.execForm) {
        c.Shell = [...ins.execForm];
        setField(w, 'Shell', ins.index);
      }
      return;
    }
    case 'EXPOSE': {
      for (const word of splitWords(text, escape)) {
        const p = processWord(word, vars, escape);
        if (p.unknown.length > 0) {
          markUnknown(w, 'ExposedPorts', `EXPOSE ${word} uses a value of the base image Shipshape does not know.`, true);
          continue;
        }
        for (const port of expandPorts(p.value)) c.ExposedPorts[port] = {};
      }
      w.origin.ExposedPorts = ins.index;
      return;
    }
    case 'HEALTHCHECK': {
      c.Healthcheck = parseHealthcheck(ins, w);
      setField(w, 'Healthcheck', ins.index);
      return;
    }
    case 'STOPSIGNAL': {
      const p = processWord(text.trim(), vars, escape);
      c.StopSignal = p.value;
      setField(w, 'StopSignal', ins.index);
      return;
    }
    case 'LABEL': {
      for (const kv of parseKeyValues(text, vars, escape)) c.Labels[kv.key] = kv.value;
      w.origin.Labels = ins.index;
      return;
    }
    case 'VOLUME': {
      const list = parseJsonArray(text) ?? splitWords(text, escape).map((v) => processWord(v, vars, escape).value);
      for (const v of list) if (v.trim() !== '') c.Volumes[v.trim()] = {};
      w.origin.Volumes = ins.index;
      return;
    }
    case 'ONBUILD': {
      c.OnBuild.push(text.trim());
      return;
    }
    default:
      return;
  }
}

function shellCaveat(w: Walk, field: 'Cmd' | 'Entrypoint'): void {
  const shell = w.unknown.get('Shell');
  if (shell && !shell.partial) {
    w.unknown.set(field, {
      field,
      partial: true,
      detail: `The shell form runs through the base image's SHELL, which Shipshape does not know; ${DEFAULT_SHELL.join(' ')} is Docker's default.`,
    });
  }
}

/** `80`, `80/tcp`, `53/UDP`, `8000-8002` -> ["80/tcp"], ["53/udp"], ["8000/tcp", "8001/tcp", "8002/tcp"]. */
export function expandPorts(spec: string): string[] {
  const m = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]+))?$/.exec(spec.trim());
  if (!m) return [];
  const proto = (m[3] ?? 'tcp').toLowerCase();
  const start = Number(m[1]);
  const end = m[2] ? Number(m[2]) : start;
  if (end < start || end - start > 1024) return [`${spec.trim().toLowerCase()}${m[3] ? '' : '/tcp'}`];
  const out: string[] = [];
  for (let p = start; p <= end; p++) out.push(`${p}/${proto}`);
  return out;
}

function parseHealthcheck(ins: Instruction, w: Walk): Healthcheck {
  const text = ins.argumentsText.trim();
  const options: Record<string, string> = {};
  for (const f of ins.flags) if (f.value !== null) options[f.name] = f.value;
  const defaults: Healthcheck['defaults'] = [];
  const duration = (name: string, key: 'Interval' | 'Timeout' | 'StartPeriod' | 'StartInterval'): string => {
    const raw = options[name];
    if (raw === undefined) {
      defaults.push(key);
      return formatDuration(HEALTH_DEFAULTS[key]);
    }
    const seconds = parseDuration(raw);
    if (seconds === null) {
      w.notes.push(`HEALTHCHECK --${name}=${raw} is not a duration Docker accepts (use 30s, 1m30s, 500ms).`);
      return raw;
    }
    // 0 means "use the default" to Docker
    if (seconds === 0) {
      defaults.push(key);
      return formatDuration(HEALTH_DEFAULTS[key]);
    }
    return formatDuration(seconds);
  };
  const Interval = duration('interval', 'Interval');
  const Timeout = duration('timeout', 'Timeout');
  const StartPeriod = duration('start-period', 'StartPeriod');
  const StartInterval = duration('start-interval', 'StartInterval');
  let Retries = HEALTH_DEFAULTS.Retries;
  if (options.retries === undefined || Number(options.retries) === 0) defaults.push('Retries');
  else if (/^\d+$/.test(options.retries)) Retries = Number(options.retries);
  else w.notes.push(`HEALTHCHECK --retries=${options.retries} is not a whole number.`);

  let Test: string[];
  if (/^NONE\s*$/i.test(text)) Test = ['NONE'];
  else {
    const m = /^CMD\s+/i.exec(text);
    const rest = m ? text.slice(m[0].length) : text;
    Test = ins.execForm ? ['CMD', ...ins.execForm] : ['CMD-SHELL', rest.trim()];
  }
  return { Test, Interval, Timeout, StartPeriod, StartInterval, Retries, defaults };
}

/** True when the field's value is known (partially known fields count as known for what they show). */
export function isKnown(config: StageConfig, field: ConfigField): boolean {
  const u = config.unknown.find((x) => x.field === field);
  return !u || u.partial;
}
