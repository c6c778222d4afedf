/**
 * What the shipped container runs: the stages whose instructions make up the final image, the
 * variables in scope, the user it runs as, its CMD/ENTRYPOINT as commands, exec-form words with
 * their ranges, and the users a Dockerfile creates. Shared by the runtime rules (Part 3), so each
 * rule judges the same image the same way.
 */
import { lookupBaseImage, type BaseImageFacts } from './data/base-images.ts';
import { lacksShellByName } from './data/image-variants.ts';
import { substituteVariables } from './image-ref.ts';
import type { DockerfileModel, Instruction, Stage } from './model.ts';
import { splitCommands, type ShellCommand, type Word } from './shell.ts';
import type { LineIndex, LogicalText } from './text.ts';
import type { Range } from './types.ts';

// ---------------------------------------------------------------------------------------------
// Stages and instructions of an image

/** Per-model caches: models are never changed after buildModel, and several rules ask the same questions. */
export interface ModelCache {
  /** By stage index (arrays: cheaper to make and read than Maps, and every lint makes a cache). */
  chains: (Stage[] | undefined)[];
  instructions: (Instruction[] | undefined)[];
  variables: (VariableIndex | undefined)[];
  /** Per stage: the effective user before each instruction of its chain (key `null`: after the last one). */
  users: Map<number, Map<Instruction | null, EffectiveUser | undefined>>;
  /** Per stage: the USER instruction in effect before each instruction of the chain, found in one pass. */
  userInstructions: Map<number, Map<Instruction | null, { ins: Instruction; stage: Stage } | undefined>>;
  createdUsers: Map<number, ReadonlyMap<string, CreatedUser>>;
  /** Per stage: the process its container starts (several rules judge it); created on first use. */
  processes?: Map<number, ContainerProcess>;
}
/** The model's cache, kept on the model (see ModelReadings). */
function cacheOf(model: DockerfileModel): ModelCache {
  const readings = (model.readings ??= {});
  return (readings.runtime ??= { chains: [], instructions: [], variables: [], users: new Map(), userInstructions: new Map(), createdUsers: new Map() });
}

/** The stages whose instructions build `stage`'s image: its `FROM <stage>` ancestors, oldest first, then itself. */
export function stageChain(model: DockerfileModel, stage: Stage): Stage[] {
  const cache = cacheOf(model).chains;
  const known = cache[stage.index];
  if (known) return known;
  const chain: Stage[] = [stage];
  // most stages start from an image: no walk, no set
  if (stage.baseStage !== undefined) {
    let s: Stage | undefined = model.stages[stage.baseStage];
    const seen = new Set<number>([stage.index]);
    while (s && !seen.has(s.index)) {
      seen.add(s.index);
      chain.push(s);
      s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined;
    }
    chain.reverse();
  }
  cache[stage.index] = chain;
  return chain;
}

/** Every instruction after FROM in the chain, in build order (read only: for a one-stage chain it is the stage's own list). */
export function chainInstructions(model: DockerfileModel, stage: Stage): Instruction[] {
  const cache = cacheOf(model).instructions;
  let list = cache[stage.index];
  if (!list) {
    const chain = stageChain(model, stage);
    list = chain.length === 1 ? chain[0].instructions : chain.flatMap((s) => s.instructions);
    cache[stage.index] = list;
  }
  return list;
}

/** The stage the chain starts from: the one whose FROM names an image (or scratch). */
export function rootStage(model: DockerfileModel, stage: Stage): Stage {
  return stageChain(model, stage)[0];
}

/** Facts about the image the chain starts from (scratch included: the table knows it), or undefined when unknown. */
export function rootImageFacts(model: DockerfileModel, stage: Stage): BaseImageFacts | undefined {
  const root = rootStage(model, stage);
  if (root.undefinedBaseVariables.length > 0 || root.emptyBaseVariables.length > 0) return undefined;
  return lookupBaseImage(root.base);
}

/** The last instruction with this keyword in the chain (the one in effect). */
export function lastInChain(model: DockerfileModel, stage: Stage, keyword: string): Instruction | undefined {
  const all = chainInstructions(model, stage);
  for (let i = all.length - 1; i >= 0; i--) if (all[i].keyword === keyword) return all[i];
  return undefined;
}

const WINDOWS_IMAGE = /windows|nanoserver|servercore|:ltsc\d{4}/;

/** Windows images run under different rules (ContainerUser, cmd.exe); the runtime rules stay silent on them. */
export function isWindowsImage(model: DockerfileModel, stage: Stage): boolean {
  if (model.escapeChar === '`') return true;
  const base = rootStage(model, stage).base;
  // several rules ask it of every stage: the answer is kept on the reference (models are never changed)
  const readings = (base.readings ??= {});
  return (readings.windows ??= WINDOWS_IMAGE.test(`${base.path}:${base.tag ?? ''}`.toLowerCase()));
}

/**
 * True when a shell-form RUN cannot run in the stage: the image it starts from has no `/bin/sh`
 * (scratch, distroless and other shell-less images, by their facts or by their name; distroless
 * `:debug` keeps its busybox shell in `/busybox`) and no SHELL instruction in the chain points
 * elsewhere. Advice for such a stage must do without RUN: `COPY --chown/--chmod`, a numeric USER.
 */
export function lacksShell(model: DockerfileModel, stage: Stage): boolean {
  if (chainInstructions(model, stage).some((i) => i.keyword === 'SHELL')) return false;
  const root = rootStage(model, stage);
  if (root.isScratch) return true;
  if (root.undefinedBaseVariables.length > 0 || root.emptyBaseVariables.length > 0) return false;
  const facts = lookupBaseImage(root.base);
  if (facts) return !facts.hasShell || (facts.shellPath !== undefined && facts.shellPath !== '/bin/sh');
  return lacksShellByName(root.base) === true;
}

// ---------------------------------------------------------------------------------------------
// ENV / ARG / LABEL key-value pairs

export interface KeyValue {
  name: string;
  nameRange: Range;
  /** The value after quote removal; undefined for `ARG NAME` without a default. */
  value: string | undefined;
  /** The value as written (quotes kept), joined with single spaces across words. */
  rawValue: string | undefined;
  valueRange?: Range;
}

/** Quote state after scanning `text` from `state`: null outside quotes. */
function quoteStateAfter(text: string, state: string | null): string | null {
  let q = state;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q === "'") {
      if (c === "'") q = null;
    } else if (q === '"') {
      if (c === '\\') i++;
      else if (c === '"') q = null;
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'") q = c;
  }
  return q;
}

/** Removes shell-style quotes and backslash escapes, as Docker does for ENV/ARG/LABEL values. */
export function unquote(text: string): string {
  let out = '';
  let q: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q === "'") {
      if (c === "'") q = null;
      else out += c;
    } else if (q === '"') {
      if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1])) out += text[++i];
      else if (c === '"') q = null;
      else out += c;
    } else if (c === '\\' && i + 1 < text.length) out += text[++i];
    else if (c === '"' || c === "'") q = c;
    else out += c;
  }
  return out;
}

function shiftRange(r: Range, startChars: number, length?: number): Range {
  const start = { line: r.start.line, character: r.start.character + startChars };
  const end = length === undefined ? r.end : { line: r.start.line, character: start.character + length };
  return { start, end };
}

/**
 * The pairs of an ENV, ARG or LABEL instruction, with the name's range. Handles `A=1 B="x y"`,
 * the legacy `ENV NAME value with spaces` and `ARG NAME` without a default.
 */
export function keyValues(ins: Instruction): readonly KeyValue[] {
  // several rules and the variable index read the pairs of every ENV and ARG: read once per instruction (models are never changed)
  const readings = (ins.readings ??= {});
  return (readings.keyValues ??= readKeyValues(ins));
}

function readKeyValues(ins: Instruction): KeyValue[] {
  const words = ins.args;
  if (words.length === 0) return [];
  const pairs: KeyValue[] = [];
  if ((ins.keyword === 'ENV' || ins.keyword === 'LABEL') && !words[0].value.includes('=')) {
    const rest = words.slice(1);
    const raw = rest.map((w) => w.value).join(' ');
    pairs.push({
      name: unquote(words[0].value),
      nameRange: words[0].range,
      value: rest.length > 0 ? unquote(raw) : undefined,
      rawValue: rest.length > 0 ? raw : undefined,
      valueRange: rest.length > 0 ? { start: rest[0].range.start, end: rest[rest.length - 1].range.end } : undefined,
    });
    return pairs;
  }
  let open: string | null = null;
  let current: KeyValue | undefined;
  for (const w of words) {
    if (open && current) {
      current.rawValue = `${current.rawValue ?? ''} ${w.value}`;
      current.valueRange = { start: current.valueRange?.start ?? w.range.start, end: w.range.end };
      open = quoteStateAfter(w.value, open);
      if (!open) current.value = unquote(current.rawValue);
      continue;
    }
    const eq = w.value.indexOf('=');
    if (eq < 0) {
      current = { name: unquote(w.value), nameRange: w.range, value: undefined, rawValue: undefined };
      pairs.push(current);
      continue;
    }
    const rawName = w.value.slice(0, eq);
    const raw = w.value.slice(eq + 1);
    current = {
      name: unquote(rawName),
      nameRange: shiftRange(w.range, 0, rawName.length),
      rawValue: raw,
      value: unquote(raw),
      valueRange: { start: { line: w.range.start.line, character: w.range.start.character + eq + 1 }, end: w.range.end },
    };
    pairs.push(current);
    open = quoteStateAfter(raw, null);
  }
  if (open && current && current.rawValue !== undefined) current.value = unquote(current.rawValue);
  return pairs;
}

// ---------------------------------------------------------------------------------------------
// Variables in scope

interface Assignment {
  /** Position in the chain's instruction list; -1 for the base image's ENV. */
  order: number;
  value: string | undefined;
}

const NO_BASE_ENV: ReadonlyMap<string, Assignment> = new Map();
/** Base images' ENV as assignments, by the facts' `env` object (the table is fixed, its assignments never changed). */
const baseEnvs = new WeakMap<Record<string, string>, ReadonlyMap<string, Assignment>>();
function baseEnvOf(env: Record<string, string> | undefined): ReadonlyMap<string, Assignment> {
  if (!env) return NO_BASE_ENV;
  let map = baseEnvs.get(env);
  if (!map) {
    map = new Map(Object.entries(env).map(([name, value]) => [name, { order: -1, value }]));
    baseEnvs.set(env, map);
  }
  return map;
}

/**
 * Every ENV and ARG assignment of a chain, by name and in order, so that the variables at any
 * instruction are looked up without copying scopes (long Dockerfiles have thousands of ENV lines).
 */
class VariableIndex {
  /** The base image's ENV (order -1), shared by every index built on the same image. */
  readonly baseEnv: ReadonlyMap<string, Assignment>;
  /** The chain's ENV assignments. */
  readonly env = new Map<string, Assignment[]>();
  /** ARG assignments per stage index: ARG scope ends with its stage. */
  readonly args = new Map<number, Map<string, Assignment[]>>();
  /** The model's instructions, to tell its own from others with the same index. */
  readonly instructions: readonly Instruction[];
  /** Position in the chain of each chain instruction, by its index in the model (an array, not a Map keyed by object). */
  readonly orderAt: number[] = [];
  /** The position after the chain's last instruction. */
  readonly end: number;
  readonly stageAt: number[] = [];

  constructor(model: DockerfileModel, stage: Stage) {
    this.instructions = model.instructions;
    this.baseEnv = baseEnvOf(rootImageFacts(model, stage)?.env);
    let order = 0;
    for (const s of stageChain(model, stage)) {
      const args = new Map<string, Assignment[]>();
      this.args.set(s.index, args);
      for (const i of s.instructions) {
        this.orderAt[i.index] = order;
        this.stageAt[order] = s.index;
        if (i.keyword === 'ENV' || i.keyword === 'ARG') {
          for (const kv of keyValues(i)) {
            let value: string | undefined;
            if (i.keyword === 'ARG' && kv.value === undefined) {
              if (this.lookup(args, kv.name, order) !== undefined) continue;
              value = model.globalArgs.get(kv.name);
            } else if (kv.rawValue !== undefined) {
              // without a `$` there is nothing to substitute (substituteVariables would copy the text as it is)
              value = unquote(kv.rawValue.includes('$') ? substituteVariables(kv.rawValue, new ScopeView(this, order)).text : kv.rawValue);
            }
            const table = i.keyword === 'ARG' ? args : this.env;
            const list = table.get(kv.name);
            if (list) list.push({ order, value });
            else table.set(kv.name, [{ order, value }]);
          }
        }
        order++;
      }
    }
    this.stageAt[order] = stage.index;
    this.end = order;
  }

  /** The position of `ins` in the chain; after the chain for no instruction or one outside it. */
  orderOf(ins: Instruction | undefined): number {
    if (ins === undefined || this.instructions[ins.index] !== ins) return this.end;
    return this.orderAt[ins.index] ?? this.end;
  }

  /** The last assignment before `order`, or undefined when there is none. */
  lookup(table: Map<string, Assignment[]>, name: string, order: number): Assignment | undefined {
    const list = table.get(name);
    if (!list) return undefined;
    for (let k = list.length - 1; k >= 0; k--) if (list[k].order < order) return list[k];
    return undefined;
  }

  /** ENV wins over an ARG of the same name; ARGs count only in the stage of `order`. */
  find(name: string, order: number): Assignment | undefined {
    const found = this.lookup(this.env, name, order) ?? this.baseEnv.get(name);
    if (found) return found;
    const args = this.args.get(this.stageAt[order]);
    return args ? this.lookup(args, name, order) : undefined;
  }
}

/** A read-only view of the variables at one point of a chain, in the shape substituteVariables takes. */
class ScopeView implements ReadonlyMap<string, string | undefined> {
  private readonly index: VariableIndex;
  private readonly order: number;
  constructor(index: VariableIndex, order: number) {
    this.index = index;
    this.order = order;
  }
  has(name: string): boolean {
    return this.index.find(name, this.order) !== undefined;
  }
  get(name: string): string | undefined {
    return this.index.find(name, this.order)?.value;
  }
  private materialize(): Map<string, string | undefined> {
    const out = new Map<string, string | undefined>();
    const names = new Set([...this.index.baseEnv.keys(), ...this.index.env.keys(), ...(this.index.args.get(this.index.stageAt[this.order])?.keys() ?? [])]);
    for (const name of names) {
      const a = this.index.find(name, this.order);
      if (a) out.set(name, a.value);
    }
    return out;
  }
  get size(): number {
    return this.materialize().size;
  }
  forEach(fn: (value: string | undefined, key: string, map: ReadonlyMap<string, string | undefined>) => void): void {
    for (const [k, v] of this.materialize()) fn(v, k, this);
  }
  entries(): MapIterator<[string, string | undefined]> {
    return this.materialize().entries();
  }
  keys(): MapIterator<string> {
    return this.materialize().keys();
  }
  values(): MapIterator<string | undefined> {
    return this.materialize().values();
  }
  [Symbol.iterator](): MapIterator<[string, string | undefined]> {
    return this.entries();
  }
}

/**
 * Variables known at `ins` (an instruction of `stage`'s chain), or after the chain's last
 * instruction: ENV from the base image and the whole chain, ARG (with its default, or the global
 * default it redeclares) only from the stage `ins` is in, as Docker scopes them.
 */
export function variablesAt(model: DockerfileModel, stage: Stage, ins?: Instruction): ReadonlyMap<string, string | undefined> {
  const cache = cacheOf(model).variables;
  let index = cache[stage.index];
  if (!index) {
    index = new VariableIndex(model, stage);
    cache[stage.index] = index;
  }
  const order = index.orderOf(ins);
  return new ScopeView(index, order);
}

/** Substitutes variables; undefined when any of them is unknown or empty. */
export function resolveText(text: string, vars: ReadonlyMap<string, string | undefined>): string | undefined {
  if (!text.includes('$')) return text;
  const sub = substituteVariables(text, vars);
  if (sub.undefinedVariables.length > 0 || sub.emptyVariables.length > 0) return undefined;
  return sub.text;
}

/** Names of variables referenced in a text (`$NAME`, `${NAME}`, `${NAME:-x}`). */
export function referencedVariables(text: string): Set<string> {
  const names = new Set<string>();
  for (const m of text.matchAll(/\$\{?([A-Za-z_][A-Za-z0-9_]*)/g)) names.add(m[1]);
  return names;
}

// ---------------------------------------------------------------------------------------------
// Users

export interface UserSpec {
  user: string;
  group?: string;
  userRange: Range;
  groupRange?: Range;
}

/** Splits `user[:group]` as written in a USER instruction or a `--chown` value. */
export function splitUserSpec(value: string, range: Range): UserSpec {
  const colon = value.indexOf(':');
  if (colon < 0) return { user: value, userRange: range };
  return {
    user: value.slice(0, colon),
    group: value.slice(colon + 1),
    userRange: shiftRange(range, 0, colon),
    groupRange: { start: { line: range.start.line, character: range.start.character + colon + 1 }, end: range.end },
  };
}

const ROOT_NAMES = new Set(['root', 'containeradministrator']);

export function isRootUser(user: string): boolean {
  return ROOT_NAMES.has(user.toLowerCase()) || /^0+$/.test(user);
}

export interface EffectiveUser {
  /** `instruction`: a USER sets it; `image`: the base image's default; `scratch`: no user at all (root). */
  source: 'instruction' | 'image' | 'scratch';
  /** The user part after variable substitution. */
  user: string;
  group?: string;
  isRoot: boolean;
  /** The numeric UID when it is known (numeric USER, a user created with a fixed UID, or the base image's facts). */
  uid?: number;
  /** The USER instruction and the stage it is in, when one sets the user. */
  ins?: Instruction;
  stage: Stage;
  /** Ranges of the user and group parts in the USER instruction. */
  spec?: UserSpec;
  facts?: BaseImageFacts;
}

/**
 * The user the image runs as after the chain (or before `before`, an instruction of `stage`).
 * Undefined when it cannot be known: a USER with unresolvable variables, or no USER on top of an
 * image Shipshape does not know.
 */
export function effectiveUser(model: DockerfileModel, stage: Stage, before?: Instruction): EffectiveUser | undefined {
  // rules ask for every RUN of long files: each answer is computed once, each USER found in one pass
  const cache = cacheOf(model);
  let answers = cache.users.get(stage.index);
  if (!answers) {
    answers = new Map();
    cache.users.set(stage.index, answers);
  }
  const key = before ?? null;
  if (answers.has(key)) return answers.get(key);
  const answer = readEffectiveUser(model, stage, before);
  answers.set(key, answer);
  return answer;
}

/** The USER instruction in effect before `before` (or after the chain), and its stage. */
function userInstructionBefore(model: DockerfileModel, stage: Stage, before: Instruction | undefined): { ins: Instruction; stage: Stage } | undefined {
  const cache = cacheOf(model);
  let table = cache.userInstructions.get(stage.index);
  if (!table && before === undefined) {
    // after the chain (what most rules ask): the last USER, found from the end without a table
    const chain = stageChain(model, stage);
    for (let k = chain.length - 1; k >= 0; k--) {
      const list = chain[k].instructions;
      for (let j = list.length - 1; j >= 0; j--) if (list[j].keyword === 'USER' && list[j].args.length > 0) return { ins: list[j], stage: chain[k] };
    }
    return undefined;
  }
  if (!table) {
    table = new Map();
    let current: { ins: Instruction; stage: Stage } | undefined;
    for (const s of stageChain(model, stage)) {
      for (const i of s.instructions) {
        // an instruction that appears twice in a chain cannot happen (each stage once), so the first answer is the one
        if (!table.has(i)) table.set(i, current);
        if (i.keyword === 'USER' && i.args.length > 0) current = { ins: i, stage: s };
      }
    }
    table.set(null, current);
    cache.userInstructions.set(stage.index, table);
  }
  // an instruction outside the chain: the walk never stopped at it, so the whole chain counts
  return before && table.has(before) ? table.get(before) : table.get(null);
}

const NO_VARIABLES: ReadonlyMap<string, string | undefined> = new Map();

function readEffectiveUser(model: DockerfileModel, stage: Stage, before: Instruction | undefined): EffectiveUser | undefined {
  const chain = stageChain(model, stage);
  const found = userInstructionBefore(model, stage, before);
  const userIns = found?.ins;
  const userStage = found?.stage;
  if (userIns && userStage) {
    const word = userIns.args[0];
    const spec = splitUserSpec(word.value, word.range);
    // the variables are read only when the spec uses one (resolveText returns text without `$` as it is)
    const vars = spec.user.includes('$') || (spec.group?.includes('$') ?? false) ? variablesAt(model, userStage, userIns) : NO_VARIABLES;
    const user = resolveText(spec.user, vars);
    if (user === undefined || user === '') return undefined;
    const group = spec.group === undefined ? undefined : resolveText(spec.group, vars);
    if (spec.group !== undefined && group === undefined) return undefined;
    const isRoot = isRootUser(user);
    const uid = /^\d+$/.test(user) ? Number(user) : isRoot ? 0 : (createdUsers(model, stage).get(user)?.uid ?? rootImageFacts(model, stage)?.users?.[user]);
    return { source: 'instruction', user, group, isRoot: isRoot || uid === 0, uid, ins: userIns, stage: userStage, spec };
  }
  const root = chain[0];
  // scratch has no user database and no Config.User: Docker runs the process as UID 0
  if (root.isScratch) return { source: 'scratch', user: '', isRoot: true, uid: 0, stage: root, facts: rootImageFacts(model, stage) };
  const facts = rootImageFacts(model, stage);
  if (!facts) return undefined;
  const isRoot = facts.uid === 0 || facts.user === '' || isRootUser(facts.user.split(':')[0]);
  return { source: 'image', user: facts.user.split(':')[0], isRoot, uid: facts.uid, stage: root, facts };
}

export interface CreatedUser {
  name: string;
  /** Fixed UID given with -u/--uid, if any. */
  uid?: number;
  command: ShellCommand;
}

const USERADD_VALUE_OPTIONS = new Set([
  '-b', '--base-dir', '-c', '--comment', '-d', '--home-dir', '--home', '-e', '--expiredate', '-f', '--inactive', '-g', '--gid',
  '-G', '--groups', '-k', '--skel', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix', '-s', '--shell',
  '-u', '--uid', '-Z', '--selinux-user', '-h', '--ingroup', '--gecos', '--firstuid', '--lastuid', '--conf', '--extrausers',
]);

/** Users created by `useradd`/`adduser` in the chain's RUN steps, by name, with their UID when fixed. */
export function createdUsers(model: DockerfileModel, stage: Stage): ReadonlyMap<string, CreatedUser> {
  const cache = cacheOf(model).createdUsers;
  let users = cache.get(stage.index);
  if (!users) {
    users = readCreatedUsers(model, stage);
    cache.set(stage.index, users);
  }
  return users;
}

function readCreatedUsers(model: DockerfileModel, stage: Stage): Map<string, CreatedUser> {
  const users = new Map<string, CreatedUser>();
  for (const ins of chainInstructions(model, stage)) {
    if (ins.keyword !== 'RUN') continue;
    for (const cmd of ins.commands) {
      if (cmd.name !== 'useradd' && cmd.name !== 'adduser') continue;
      let uid: number | undefined;
      const positional: string[] = [];
      const args = cmd.args.map((a) => a.value);
      for (let i = 0; i < args.length; i++) {
        const a = args[i];
        const eq = a.startsWith('--') ? a.indexOf('=') : -1;
        const name = eq > 0 ? a.slice(0, eq) : a;
        if (name === '-u' || name === '--uid') {
          const v = eq > 0 ? a.slice(eq + 1) : args[++i];
          if (v !== undefined && /^\d+$/.test(v)) uid = Number(v);
          continue;
        }
        if (/^-u\d+$/.test(a)) {
          uid = Number(a.slice(2));
          continue;
        }
        if (a.startsWith('-')) {
          if (eq < 0 && USERADD_VALUE_OPTIONS.has(a)) i++;
          continue;
        }
        positional.push(a);
      }
      // useradd takes one LOGIN; adduser takes USER [GROUP]
      const login = cmd.name === 'useradd' ? positional[positional.length - 1] : positional[0];
      if (login && /^[a-z_][a-z0-9_.-]*\$?$/i.test(login)) users.set(login, { name: login, uid, command: cmd });
    }
  }
  return users;
}

// ---------------------------------------------------------------------------------------------
// Exec-form words and the commands a container runs

/** Start offset (in the document) of an instruction's exec-form text, after flags and `CMD` of HEALTHCHECK. */
function execFormStart(ins: Instruction, doc: LineIndex): number | undefined {
  if (!ins.execForm || !ins.argumentsRange) return undefined;
  let start = doc.offsetAt(ins.argumentsRange.start);
  const end = doc.offsetAt(ins.argumentsRange.end);
  if (ins.flags.length > 0) start = Math.max(start, doc.offsetAt(ins.flags[ins.flags.length - 1].range.end));
  if (ins.keyword === 'HEALTHCHECK') {
    const m = /(?:^|\s)CMD(?=[\s[])/i.exec(doc.text.slice(start, end));
    if (!m) return undefined;
    start += m.index + m[0].length;
  }
  const bracket = doc.text.indexOf('[', start);
  return bracket >= 0 && bracket < end ? bracket : undefined;
}

export interface ExecWord extends Word {
  /** Document offset of each character of `value`, plus one past the end: lets a `sh -c` script be split with ranges. */
  offsets: number[];
}

const JSON_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '/': '/', '\\': '\\', '"': '"' };

/** The strings of an exec-form (JSON) instruction with their ranges (quotes included); null for shell form. */
export function execWords(ins: Instruction, doc: LineIndex): ExecWord[] | null {
  const start = execFormStart(ins, doc);
  if (start === undefined || !ins.argumentsRange) return null;
  const end = doc.offsetAt(ins.argumentsRange.end);
  const text = doc.text;
  const words: ExecWord[] = [];
  let i = start + 1;
  while (i < end && text[i] !== ']') {
    if (text[i] !== '"') {
      i++;
      continue;
    }
    const open = i;
    let value = '';
    const offsets: number[] = [];
    i++;
    while (i < end && text[i] !== '"') {
      if (text[i] === '\\' && i + 1 < end) {
        const e = text[i + 1];
        if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          value += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          offsets.push(i);
          i += 6;
          continue;
        }
        value += JSON_ESCAPES[e] ?? e;
        offsets.push(i);
        i += 2;
        continue;
      }
      value += text[i];
      offsets.push(i);
      i++;
    }
    offsets.push(i);
    i++;
    words.push({ value, range: doc.range(open, Math.min(i, end)), offsets });
  }
  return words.length === (ins.execForm?.length ?? -1) ? words : null;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'busybox']);

function commandFromWords(words: Word[]): ShellCommand | undefined {
  if (words.length === 0) return undefined;
  const [p, ...rest] = words;
  return {
    program: p.value,
    name: p.value.slice(p.value.lastIndexOf('/') + 1),
    args: rest.map((w) => ({ value: w.value, range: w.range })),
    programRange: p.range,
    range: { start: p.range.start, end: words[words.length - 1].range.end },
    assignments: [],
    redirects: [],
    readings: undefined,
  };
}

/** The `-c` script of `["sh", "-c", "..."]`, split into commands with document ranges. */
function shellScriptCommands(words: ExecWord[], doc: LineIndex): ShellCommand[] | undefined {
  if (words.length < 3 || !SHELLS.has(words[0].value.slice(words[0].value.lastIndexOf('/') + 1))) return undefined;
  // `-c`, `-ec`, `-xc`: lower-case flags with a c (not /^-[a-z]*c[a-z]*$/, quadratic on `-ccc...!`)
  const c = words.findIndex((w, k) => k > 0 && /^-[a-z]*$/.test(w.value) && w.value.includes('c'));
  if (c < 0 || c + 1 >= words.length) return undefined;
  const script = words[c + 1];
  const logical: LogicalText = { text: script.value, offsets: script.offsets };
  return splitCommands(logical, doc);
}

/**
 * The commands an instruction runs: shell form as parsed by the model; exec form as one command
 * (or the commands of its `sh -c` script).
 */
export function instructionCommands(ins: Instruction, doc: LineIndex): ShellCommand[] {
  if (!ins.execForm) return ins.commands;
  const words = execWords(ins, doc);
  if (!words) return [];
  const script = shellScriptCommands(words, doc);
  if (script) return script;
  const cmd = commandFromWords(words);
  return cmd ? [cmd] : [];
}

export interface ContainerProcess {
  entrypoint?: Instruction;
  /** The CMD in effect (an ENTRYPOINT set in a later stage resets a CMD inherited from an earlier one). */
  cmd?: Instruction;
  /** What runs: ENTRYPOINT and CMD joined when both are exec form, else each one's commands. */
  commands: ShellCommand[];
}

/** The process the container starts with, from the last ENTRYPOINT and CMD of the chain. */
export function containerProcess(model: DockerfileModel, stage: Stage): ContainerProcess {
  // several rules judge the final stage's process: read it once per model
  const cache = (cacheOf(model).processes ??= new Map());
  let proc = cache.get(stage.index);
  if (!proc) {
    proc = readContainerProcess(model, stage);
    cache.set(stage.index, proc);
  }
  return proc;
}

function readContainerProcess(model: DockerfileModel, stage: Stage): ContainerProcess {
  const entrypoint = lastInChain(model, stage, 'ENTRYPOINT');
  let cmd = lastInChain(model, stage, 'CMD');
  if (entrypoint && cmd && entrypoint.stageIndex > cmd.stageIndex) cmd = undefined;
  const doc = model.doc;
  if (!entrypoint) return { cmd, commands: cmd ? instructionCommands(cmd, doc) : [] };
  if (!entrypoint.execForm) return { entrypoint, cmd, commands: instructionCommands(entrypoint, doc) };
  const epWords = execWords(entrypoint, doc) ?? [];
  const epScript = shellScriptCommands(epWords, doc);
  if (epScript) return { entrypoint, cmd, commands: [...epScript, ...(cmd ? instructionCommands(cmd, doc) : [])] };
  if (cmd?.execForm) {
    const joined = commandFromWords([...epWords, ...(execWords(cmd, doc) ?? [])]);
    return { entrypoint, cmd, commands: joined ? [joined] : [] };
  }
  const first = commandFromWords(epWords);
  return { entrypoint, cmd, commands: [...(first ? [first] : []), ...(cmd ? instructionCommands(cmd, doc) : [])] };
}

// ---------------------------------------------------------------------------------------------
// Wrappers around the real program

const RUNNERS: Record<string, string[]> = {
  poetry: ['run'],
  pipenv: ['run'],
  uv: ['run'],
  pdm: ['run'],
  hatch: ['run'],
  rye: ['run'],
  bundle: ['exec'],
  'newrelic-admin': ['run-program'],
};

/** Programs that run their first argument: `exec cmd`, `nohup cmd`, tracers. */
const PLAIN_WRAPPERS = new Set(['exec', 'nohup', 'ddtrace-run', 'opentelemetry-instrument']);
/** Init shims, with options before the program. */
const INIT_SHIMS = new Set(['tini', 'dumb-init', 'catatonit', 'tini-static']);
/** User switchers: `gosu app cmd`. */
const USER_SWITCHERS = new Set(['gosu', 'su-exec', 's6-setuidgid']);
/** Package runners: `npx [options] tool`. */
const PACKAGE_RUNNERS = new Set(['npx', 'pnpx', 'bunx']);
/** Every program `unwrapCommand` looks through by name (RUNNERS, python and entrypoint scripts aside): built from the sets its loop reads. */
const WRAPPER_NAMES = new Set([...PLAIN_WRAPPERS, 'env', ...INIT_SHIMS, ...USER_SWITCHERS, 'setpriv', ...PACKAGE_RUNNERS, 'npm', 'pnpm']);

/** The runner table's entry for a program: its own entries only (`constructor` is a program name, not a runner). */
function runnerOf(name: string): string[] | undefined {
  return Object.hasOwn(RUNNERS, name) ? RUNNERS[name] : undefined;
}

/**
 * False when `unwrapCommand` cannot strip anything from a program of this name: most commands, which
 * then skip its loop.
 */
function mayWrap(name: string): boolean {
  return WRAPPER_NAMES.has(name) || runnerOf(name) !== undefined || name.startsWith('python') || name.endsWith('.sh') || (name.length >= 10 && /entrypoint/i.test(name));
}

/**
 * Strips what only launches the real program: `exec`, `env A=b`, init shims (tini, dumb-init),
 * user switchers (gosu, su-exec), tool runners (`poetry run`, `bundle exec`, `npx`), entrypoint
 * scripts that `exec "$@"`, and `python -m module` (the module becomes the program).
 * Returns the program name, the words after it, and the names of the wrappers stripped.
 */
export function unwrapCommand(cmd: ShellCommand): { name: string; program: Word; args: Word[]; wrappers: string[] } {
  const first = cmd.program.slice(cmd.program.lastIndexOf('/') + 1);
  if (!mayWrap(first)) return { name: first, program: { value: cmd.program, range: cmd.programRange }, args: cmd.args, wrappers: [] };
  let program: Word = { value: cmd.program, range: cmd.programRange };
  let args = cmd.args;
  const wrappers: string[] = [];
  const nameOf = (w: Word) => w.value.slice(w.value.lastIndexOf('/') + 1);
  for (let guard = 0; guard < 8; guard++) {
    const name = nameOf(program);
    let k = -1;
    if (PLAIN_WRAPPERS.has(name)) k = 0;
    else if (name === 'env') {
      k = 0;
      while (k < args.length && (args[k].value.startsWith('-') || /^[A-Za-z_][A-Za-z0-9_]*=/.test(args[k].value))) {
        if (args[k].value === '-u' || args[k].value === '--unset') k++;
        k++;
      }
    } else if (INIT_SHIMS.has(name)) {
      k = 0;
      while (k < args.length && args[k].value.startsWith('-')) {
        if (args[k].value === '--') {
          k++;
          break;
        }
        if (['-p', '-e', '-r'].includes(args[k].value)) k++;
        k++;
      }
    } else if (USER_SWITCHERS.has(name)) k = 1;
    else if (name === 'setpriv') {
      k = 0;
      while (k < args.length && args[k].value.startsWith('-')) k++;
    } else if (PACKAGE_RUNNERS.has(name)) {
      k = 0;
      while (k < args.length && args[k].value.startsWith('-')) k++;
    } else if ((name === 'npm' || name === 'pnpm') && args[0]?.value === 'exec') {
      k = 1;
      while (k < args.length && args[k].value.startsWith('-')) k++;
      if (args[k]?.value === '--') k++;
    } else if (args[0] && runnerOf(name)?.includes(args[0].value)) {
      k = 1;
      if (args[k]?.value === '--') k++;
    } else if (/^python(\d(\.\d+)?)?$/.test(name)) {
      const m = args.findIndex((a) => a.value === '-m');
      if (m >= 0 && args.slice(0, m).every((a) => a.value.startsWith('-')) && args[m + 1]) {
        return { name: args[m + 1].value, program: args[m + 1], args: args.slice(m + 2), wrappers: [...wrappers, name] };
      }
    } else if ((/entrypoint/i.test(name) || name.endsWith('.sh')) && args[0] && !args[0].value.startsWith('-')) {
      // an entrypoint script that ends in `exec "$@"` runs its arguments
      k = 0;
    }
    if (k < 0 || k >= args.length) break;
    wrappers.push(name);
    program = args[k];
    args = args.slice(k + 1);
  }
  return { name: nameOf(program), program, args, wrappers };
}

// ---------------------------------------------------------------------------------------------
// Paths

/** Joins a path to WORKDIR the way Docker does; undefined when it uses variables. */
export function absolutePath(path: string, workdir: string): string | undefined {
  if (path.includes('$')) return undefined;
  const joined = path.startsWith('/') ? path : `${workdir.replace(/(?<!\/)\/+$/, '')}/${path}`;
  const parts: string[] = [];
  for (const part of joined.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `/${parts.join('/')}`;
}

/** WORKDIR in effect at each instruction of the chain (from the base image's facts; unknown for an unknown image until a WORKDIR sets it). */
export function workdirs(model: DockerfileModel, stage: Stage): Map<Instruction, string | undefined> {
  const at = new Map<Instruction, string | undefined>();
  const facts = rootImageFacts(model, stage);
  // an entry states WorkingDir completely unless it lists it as unknown; absent means the root directory
  let wd: string | undefined = !facts || facts.unknownConfig?.includes('workdir') ? undefined : facts.workdir || '/';
  for (const s of stageChain(model, stage)) {
    for (const ins of s.instructions) {
      at.set(ins, wd);
      if (ins.keyword === 'WORKDIR' && ins.args.length > 0) {
        const vars = variablesAt(model, s, ins);
        const p = resolveText(ins.args.map((a) => a.value).join(' '), vars);
        wd = p === undefined ? undefined : p.startsWith('/') ? absolutePath(p, '/') : wd === undefined ? undefined : absolutePath(p, wd);
      }
    }
  }
  return at;
}
