/**
 * The accounts an image has: those of the base image, plus the users and groups RUN creates with
 * useradd / groupadd (shadow, Debian), adduser / addgroup (Debian's and busybox's, whose flags
 * differ: busybox `-g` is the GECOS, Debian's `--gid` the group), usermod, lines appended to
 * /etc/passwd, and /etc/passwd copied from another stage. Also which paths are chowned to whom,
 * so `USER appuser` can be checked to exist and its UID known.
 */
import type { Instruction, Stage } from '../model.ts';
import type { ShellCommand } from '../shell.ts';
import type { BaseImageFacts } from '../data/base-images.ts';
import { lookupBaseImage } from '../data/base-images.ts';
import { parseImageReference } from '../image-ref.ts';
import { stageWalk, type StepState } from './config.ts';
import { baseOf, memo, type ImageContext } from './state.ts';
import { processWord, resolvePath, splitWords, stripFlags, parseJsonArray } from './words.ts';

export interface Account {
  name: string;
  /** null when the UID was allocated automatically and the base's accounts are not all known. */
  uid: number | null;
  gid: number | null;
  /** Primary group name, when known. */
  group: string | null;
  groups: string[];
  home: string | null;
  shell: string | null;
  system: boolean;
  /** Instruction index that created it (model.instructions), or 'base'. */
  createdBy: number | 'base';
}

export interface Group {
  name: string;
  gid: number | null;
  createdBy: number | 'base';
}

export interface Ownership {
  path: string;
  user: string;
  group: string | null;
  recursive: boolean;
  instruction: number;
  via: 'COPY --chown' | 'ADD --chown' | 'chown';
}

export interface StageUsers {
  stage: number;
  accounts: Account[];
  groups: Group[];
  /** True when every account of the image is known (known base, or scratch), so a missing name is missing. */
  complete: boolean;
  /** False when the base image is unknown: its accounts are not listed. */
  baseKnown: boolean;
  ownership: Ownership[];
  notes: string[];
}

export interface ResolvedUser {
  /** Config.User as written: `appuser`, `10001:10001`, '' (root). */
  spec: string;
  user: string;
  group: string | null;
  uid: number | null;
  gid: number | null;
  /** True when the user part is a number (Kubernetes runAsNonRoot can verify it). */
  numeric: boolean;
  /** true / false, or null when Shipshape cannot tell (unknown base image). */
  exists: boolean | null;
  root: boolean | null;
  detail: string;
}

interface State {
  accounts: Map<string, Account>;
  groups: Map<string, Group>;
  complete: boolean;
  baseKnown: boolean;
  ownership: Ownership[];
  notes: string[];
}

const NOGROUP_DEBIAN = 65534;

export function stageUsers(ctx: ImageContext, stageIndex: number): StageUsers {
  return memo(ctx, `users:${stageIndex}`, () => computeUsers(ctx, ctx.model.stages[stageIndex]));
}

function fromFacts(facts: BaseImageFacts | null | undefined): Pick<State, 'accounts' | 'groups' | 'complete' | 'baseKnown'> {
  const accounts = new Map<string, Account>();
  const groups = new Map<string, Group>();
  if (!facts) return { accounts, groups, complete: false, baseKnown: false };
  for (const [name, gid] of Object.entries(facts.groups ?? {})) groups.set(name, { name, gid, createdBy: 'base' });
  for (const [name, uid] of Object.entries(facts.users ?? {})) {
    // without the passwd line the primary group is only known for the same-name convention
    const own = groups.get(name);
    accounts.set(name, {
      name,
      uid,
      gid: own?.gid ?? (uid === 0 ? 0 : null),
      group: own ? name : uid === 0 ? 'root' : null,
      groups: [],
      home: null,
      shell: null,
      system: uid < 1000 || uid >= 65532,
      createdBy: 'base',
    });
  }
  return { accounts, groups, complete: facts.usersComplete === true, baseKnown: true };
}

function cloneState(s: StageUsers): Pick<State, 'accounts' | 'groups' | 'complete' | 'baseKnown'> {
  return {
    accounts: new Map(s.accounts.map((a) => [a.name, { ...a, groups: [...a.groups], createdBy: 'base' as const }])),
    groups: new Map(s.groups.map((g) => [g.name, { ...g, createdBy: 'base' as const }])),
    complete: s.complete,
    baseKnown: s.baseKnown,
  };
}

function computeUsers(ctx: ImageContext, stage: Stage): StageUsers {
  const base = baseOf(ctx, stage);
  const start =
    base.kind === 'stage' && base.stage !== null
      ? cloneState(stageUsers(ctx, base.stage))
      : base.kind === 'scratch'
        ? { accounts: new Map<string, Account>(), groups: new Map<string, Group>(), complete: true, baseKnown: true }
        : fromFacts(base.facts);
  const state: State = { ...start, ownership: [], notes: [] };
  const flavour = toolFlavour(base.facts);
  const walk = stageWalk(ctx, stage.index);

  for (const step of walk.steps) {
    const ins = step.instruction;
    if (ins.keyword === 'RUN') {
      for (const cmd of ins.commands) runCommand(state, cmd, step, flavour);
    } else if (ins.keyword === 'COPY' || ins.keyword === 'ADD') {
      copyInstruction(ctx, state, ins, step);
    }
  }

  return {
    stage: stage.index,
    accounts: [...state.accounts.values()],
    groups: [...state.groups.values()],
    complete: state.complete,
    baseKnown: state.baseKnown,
    ownership: state.ownership,
    notes: state.notes,
  };
}

/** Busybox (alpine, wolfi) or Debian tools, from the base's package manager; null when unknown. */
function toolFlavour(facts: BaseImageFacts | null): 'busybox' | 'debian' | null {
  if (!facts) return null;
  if (facts.packageManager === 'apk') return 'busybox';
  if (facts.packageManager === 'apt') return 'debian';
  return null;
}

// ---------------------------------------------------------------------------------------------
// Shell words
// ---------------------------------------------------------------------------------------------

/** Expands `$VAR` / `${VAR}` the way the RUN shell would, with ARGs and ENV; unknown values give null. */
function expand(value: string, step: StepState): string | null {
  let unknown = false;
  const out = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_m, a: string | undefined, b: string | undefined) => {
    const name = (a ?? b) as string;
    if (!step.vars.has(name)) return '';
    const v = step.vars.get(name);
    if (v === null || v === undefined) {
      unknown = true;
      return '';
    }
    return v;
  });
  return unknown ? null : out;
}

interface ParsedOptions {
  values: Map<string, string>;
  flags: Set<string>;
  positional: string[];
}

/**
 * getopt-style parsing: `valueOptions` lists the options that take a value (short `-u` or long
 * `--uid`); `-u1000`, `-u 1000`, `--uid=1000`, `--uid 1000` and grouped short flags `-SD` work.
 */
function parseOptions(args: string[], valueOptions: ReadonlySet<string>): ParsedOptions {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positional.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (valueOptions.has(name)) {
        const v = eq >= 0 ? a.slice(eq + 1) : args[++i];
        if (v !== undefined) values.set(name, v);
      } else flags.add(name);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const name = `-${a[j]}`;
        if (valueOptions.has(name)) {
          const rest = a.slice(j + 1);
          const v = rest !== '' ? rest : args[++i];
          if (v !== undefined) values.set(name, v);
          break;
        }
        flags.add(name);
      }
      continue;
    }
    positional.push(a);
  }
  return { values, flags, positional };
}

function pick(o: ParsedOptions, ...names: string[]): string | undefined {
  for (const n of names) if (o.values.has(n)) return o.values.get(n);
  return undefined;
}

function has(o: ParsedOptions, ...names: string[]): boolean {
  return names.some((n) => o.flags.has(n));
}

// ---------------------------------------------------------------------------------------------
// ID allocation, as each tool does it
// ---------------------------------------------------------------------------------------------

function usedUids(s: State): Set<number> {
  return new Set([...s.accounts.values()].map((a) => a.uid).filter((u): u is number => u !== null));
}

function usedGids(s: State): Set<number> {
  return new Set([...s.groups.values()].map((g) => g.gid).filter((g): g is number => g !== null));
}

/** First unused ID from `from` up to `to` (Debian adduser, busybox). */
function firstFree(used: Set<number>, from: number, to: number): number | null {
  for (let id = from; id <= to; id++) if (!used.has(id)) return id;
  return null;
}

/** shadow's useradd/groupadd: regular IDs are one above the highest used in the range. */
function aboveHighest(used: Set<number>, from: number, to: number): number | null {
  let highest = from - 1;
  for (const id of used) if (id >= from && id <= to && id > highest) highest = id;
  return highest + 1 <= to ? highest + 1 : firstFree(used, from, to);
}

/** shadow's system IDs: the highest unused one below SYS_UID_MAX (999), going down. */
function belowMax(used: Set<number>, from: number, to: number): number | null {
  for (let id = to; id >= from; id--) if (!used.has(id)) return id;
  return null;
}

function numberOrNull(v: string | undefined | null): number | null {
  return v !== undefined && v !== null && /^\d+$/.test(v) ? Number(v) : null;
}

/** A group given by name or number: its gid (null when unknown). */
function groupId(s: State, spec: string): number | null {
  const n = numberOrNull(spec);
  if (n !== null) return n;
  return s.groups.get(spec)?.gid ?? null;
}

function groupName(s: State, spec: string): string | null {
  if (numberOrNull(spec) === null) return spec;
  const gid = Number(spec);
  return [...s.groups.values()].find((g) => g.gid === gid)?.name ?? null;
}

function addGroup(s: State, name: string, gid: number | null, index: number): void {
  if (!s.groups.has(name)) s.groups.set(name, { name, gid, createdBy: index });
}

/** A same-name group for a new user: the UID as GID when it is free, as useradd and adduser prefer. */
function ownGroupId(s: State, uid: number | null, fallback: () => number | null): number | null {
  if (!s.complete) return uid !== null && !usedGids(s).has(uid) && s.baseKnown ? uid : null;
  if (uid !== null && !usedGids(s).has(uid)) return uid;
  return fallback();
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

const USERADD_VALUES = new Set([
  '-b', '--base-dir', '-c', '--comment', '-d', '--home-dir', '--home', '-e', '--expiredate', '-f', '--inactive', '-g', '--gid',
  '-G', '--groups', '-k', '--skel', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix', '-s', '--shell',
  '-u', '--uid', '-Z', '--selinux-user',
]);
const GROUPADD_VALUES = new Set(['-g', '--gid', '-K', '--key', '-p', '--password', '-R', '--root', '-P', '--prefix']);
const DEBIAN_ADDUSER_VALUES = new Set([
  '--home', '--shell', '--uid', '--gid', '--ingroup', '--gecos', '--comment', '--firstuid', '--lastuid', '--firstgid',
  '--lastgid', '--conf', '--add_extra_groups', '--extrausers', '--key',
]);
const BUSYBOX_ADDUSER_VALUES = new Set(['-h', '-g', '-s', '-G', '-u', '-k']);
const BUSYBOX_ADDGROUP_VALUES = new Set(['-g']);
const USERMOD_VALUES = new Set(['-u', '--uid', '-g', '--gid', '-G', '--groups', '-d', '--home', '-s', '--shell', '-l', '--login', '-c', '--comment']);

const ACCOUNT_COMMANDS = new Set(['useradd', 'groupadd', 'adduser', 'addgroup', 'usermod', 'chown', 'echo', 'printf']);

function runCommand(s: State, cmd: ShellCommand, step: StepState, flavour: 'busybox' | 'debian' | null): void {
  if (!ACCOUNT_COMMANDS.has(cmd.name)) return;
  const index = step.instruction.index;
  const raw = cmd.args.map((a) => a.value);
  const args = raw.map((a) => expand(a, step) ?? a);
  const unknownArgs = raw.some((a) => expand(a, step) === null);
  switch (cmd.name) {
    case 'useradd':
      return useradd(s, parseOptions(args, USERADD_VALUES), index, unknownArgs);
    case 'groupadd':
      return groupadd(s, parseOptions(args, GROUPADD_VALUES), index, unknownArgs);
    case 'adduser':
      return adduser(s, args, index, flavour, unknownArgs);
    case 'addgroup':
      return addgroup(s, args, index, flavour, unknownArgs);
    case 'usermod':
      return usermod(s, parseOptions(args, USERMOD_VALUES), index);
    case 'chown':
      return chown(s, args, step);
    case 'echo':
    case 'printf':
      return appendPasswd(s, cmd, args, index);
    default:
      return;
  }
}

function useradd(s: State, o: ParsedOptions, index: number, unknownArgs: boolean): void {
  const name = o.positional[o.positional.length - 1];
  if (!name || s.accounts.has(name)) return;
  const system = has(o, '-r', '--system');
  const used = usedUids(s);
  const uidOpt = pick(o, '-u', '--uid');
  let uid = numberOrNull(uidOpt);
  if (uid === null && uidOpt === undefined) {
    uid = s.complete ? (system ? belowMax(used, 100, 999) : aboveHighest(used, 1000, 60000)) : null;
  }
  if (unknownArgs && uidOpt !== undefined && numberOrNull(uidOpt) === null) uid = null;
  const groupOpt = pick(o, '-g', '--gid');
  let gid: number | null;
  let group: string | null;
  if (groupOpt !== undefined) {
    gid = groupId(s, groupOpt);
    group = groupName(s, groupOpt);
  } else if (has(o, '-N', '--no-user-group')) {
    gid = 100;
    group = 'users';
  } else {
    const usedG = usedGids(s);
    gid = ownGroupId(s, uid, () => (system ? belowMax(usedG, 100, 999) : aboveHighest(usedG, 1000, 60000)));
    group = name;
    addGroup(s, name, gid, index);
  }
  s.accounts.set(name, {
    name,
    uid,
    gid,
    group,
    groups: (pick(o, '-G', '--groups') ?? '').split(',').filter(Boolean),
    home: pick(o, '-d', '--home-dir', '--home') ?? `/home/${name}`,
    shell: pick(o, '-s', '--shell') ?? '/bin/sh',
    system,
    createdBy: index,
  });
}

function groupadd(s: State, o: ParsedOptions, index: number, unknownArgs: boolean): void {
  const name = o.positional[o.positional.length - 1];
  if (!name || s.groups.has(name)) return;
  const used = usedGids(s);
  const gidOpt = pick(o, '-g', '--gid');
  let gid = numberOrNull(gidOpt);
  if (gid === null && gidOpt === undefined && s.complete) {
    gid = has(o, '-r', '--system') ? belowMax(used, 100, 999) : aboveHighest(used, 1000, 60000);
  }
  if (unknownArgs && gidOpt !== undefined && numberOrNull(gidOpt) === null) gid = null;
  addGroup(s, name, gid, index);
}

function isBusyboxStyle(args: string[]): boolean {
  return args.some((a) => /^-[A-Za-z]/.test(a) && !a.startsWith('--'));
}

/**
 * How busybox's and Debian's adduser differ: option names, the top of the regular UID range, the
 * primary group when none is given (busybox -S leaves it to the version, Debian --system uses
 * nogroup unless --group), and the default home and shell. Everything else is the same command.
 */
interface AdduserDialect {
  values: ReadonlySet<string>;
  uid: string;
  system: string;
  /** Highest UID (and GID) of the regular range: busybox 64999, Debian's adduser.conf LAST_UID 59999. */
  last: number;
  home: string;
  shell: string;
  /** The group an option names (busybox -G, Debian --ingroup or --gid); undefined when none does. */
  namedGroup(s: State, o: ParsedOptions): { gid: number | null; group: string | null } | undefined;
  /** The group of a system account without one named; undefined: a same-name group, as for regular accounts. */
  systemGroup(s: State, o: ParsedOptions, name: string): { gid: number | null; group: string | null } | undefined;
  defaultHome(name: string, system: boolean): string;
  defaultShell(system: boolean): string | null;
}

const ADDUSER_DIALECTS: Record<'busybox' | 'debian', AdduserDialect> = {
  busybox: {
    values: BUSYBOX_ADDUSER_VALUES,
    uid: '-u',
    system: '-S',
    last: 64999,
    home: '-h',
    shell: '-s',
    namedGroup(s, o) {
      const g = o.values.get('-G');
      return g === undefined ? undefined : { gid: groupId(s, g), group: groupName(s, g) };
    },
    systemGroup(s, _o, name) {
      s.notes.push(`\`adduser -S ${name}\` without -G: the primary group depends on the busybox version; add -G <group> to choose it.`);
      return { gid: null, group: null };
    },
    defaultHome: (name) => `/home/${name}`,
    defaultShell: (system) => (system ? null : '/bin/sh'),
  },
  debian: {
    values: DEBIAN_ADDUSER_VALUES,
    uid: '--uid',
    system: '--system',
    last: 59999,
    home: '--home',
    shell: '--shell',
    namedGroup(s, o) {
      const ingroup = pick(o, '--ingroup');
      if (ingroup !== undefined) return { gid: groupId(s, ingroup), group: ingroup };
      const g = pick(o, '--gid');
      return g === undefined ? undefined : { gid: groupId(s, g), group: groupName(s, g) };
    },
    systemGroup: (_s, o) => (has(o, '--group') ? undefined : { gid: NOGROUP_DEBIAN, group: 'nogroup' }),
    defaultHome: (name, system) => (system ? '/nonexistent' : `/home/${name}`),
    defaultShell: (system) => (system ? '/usr/sbin/nologin' : '/bin/bash'),
  },
};

function adduser(s: State, args: string[], index: number, flavour: 'busybox' | 'debian' | null, unknownArgs: boolean): void {
  const d = ADDUSER_DIALECTS[flavour ?? (isBusyboxStyle(args) ? 'busybox' : 'debian')];
  const o = parseOptions(args, d.values);
  const [name, extraGroup] = o.positional;
  if (!name) return;
  if (extraGroup !== undefined && s.accounts.has(name)) {
    // `adduser USER GROUP`: adds an existing user to a group
    s.accounts.get(name)!.groups.push(extraGroup);
    return;
  }
  if (s.accounts.has(name)) return;
  const system = has(o, d.system);
  const uidOpt = pick(o, d.uid);
  let uid = numberOrNull(uidOpt);
  if (uid === null && uidOpt === undefined && s.complete) uid = firstFree(usedUids(s), system ? 100 : 1000, system ? 999 : d.last);
  if (unknownArgs && uidOpt !== undefined && numberOrNull(uidOpt) === null) uid = null;
  let primary = d.namedGroup(s, o) ?? (system ? d.systemGroup(s, o, name) : undefined);
  if (!primary) {
    primary = { gid: ownGroupId(s, uid, () => firstFree(usedGids(s), system ? 100 : 1000, system ? 999 : d.last)), group: name };
    addGroup(s, name, primary.gid, index);
  }
  s.accounts.set(name, {
    name,
    uid,
    gid: primary.gid,
    group: primary.group,
    groups: [],
    home: pick(o, d.home) ?? d.defaultHome(name, system),
    shell: pick(o, d.shell) ?? d.defaultShell(system),
    system,
    createdBy: index,
  });
}

function addgroup(s: State, args: string[], index: number, flavour: 'busybox' | 'debian' | null, unknownArgs: boolean): void {
  const style = flavour ?? (isBusyboxStyle(args) ? 'busybox' : 'debian');
  const o = parseOptions(args, style === 'busybox' ? BUSYBOX_ADDGROUP_VALUES : new Set(['--gid', '--conf']));
  const [first, second] = o.positional;
  if (!first) return;
  if (second !== undefined) {
    // `addgroup USER GROUP`: adds an existing user to an existing group
    s.accounts.get(first)?.groups.push(second);
    return;
  }
  if (s.groups.has(first)) return;
  const system = has(o, '-S', '--system');
  const gidOpt = pick(o, '-g', '--gid');
  let gid = numberOrNull(gidOpt);
  if (gid === null && gidOpt === undefined && s.complete) gid = firstFree(usedGids(s), system ? 100 : 1000, system ? 999 : 64999);
  if (unknownArgs && gidOpt !== undefined && numberOrNull(gidOpt) === null) gid = null;
  addGroup(s, first, gid, index);
}

function usermod(s: State, o: ParsedOptions, index: number): void {
  const name = o.positional[o.positional.length - 1];
  const account = name ? s.accounts.get(name) : undefined;
  if (!account) return;
  const uid = pick(o, '-u', '--uid');
  if (uid !== undefined) account.uid = numberOrNull(uid);
  const g = pick(o, '-g', '--gid');
  if (g !== undefined) {
    account.gid = groupId(s, g);
    account.group = groupName(s, g);
  }
  const extra = pick(o, '-G', '--groups');
  if (extra !== undefined) {
    const list = extra.split(',').filter(Boolean);
    account.groups = has(o, '-a', '--append') ? [...account.groups, ...list] : list;
  }
  const home = pick(o, '-d', '--home');
  if (home !== undefined) account.home = home;
  const shell = pick(o, '-s', '--shell');
  if (shell !== undefined) account.shell = shell;
  account.createdBy = account.createdBy === 'base' ? index : account.createdBy;
}

function chown(s: State, args: string[], step: StepState): void {
  const words = args.filter((a) => !a.startsWith('--from') && !a.startsWith('--reference'));
  const recursive = words.some((a) => a === '-R' || a === '--recursive' || (/^-[A-Za-z]+$/.test(a) && a.includes('R')));
  const rest = words.filter((a) => !a.startsWith('-'));
  const [owner, ...paths] = rest;
  if (!owner || paths.length === 0) return;
  const [user, group] = splitOwner(owner);
  for (const p of paths) {
    s.ownership.push({
      path: step.workdir !== null ? resolvePath(step.workdir, p) : p,
      user,
      group,
      recursive,
      instruction: step.instruction.index,
      via: 'chown',
    });
  }
  checkOwnerExists(s, user, group, `chown ${owner}`);
}

function splitOwner(owner: string): [string, string | null] {
  const sep = owner.search(/[:.]/);
  // `user.group` is the old chown syntax; a dot inside a name is rare enough to read it that way only for chown
  if (sep < 0) return [owner, null];
  return [owner.slice(0, sep), owner.slice(sep + 1) || null];
}

function checkOwnerExists(s: State, user: string, group: string | null, what: string): void {
  if (user !== '' && numberOrNull(user) === null && !s.accounts.has(user) && s.complete) {
    s.notes.push(`\`${what}\` names the user \`${user}\` before it exists in the image: the build fails there ("invalid user").`);
  }
  if (group && numberOrNull(group) === null && !s.groups.has(group) && s.complete) {
    s.notes.push(`\`${what}\` names the group \`${group}\` before it exists in the image.`);
  }
}

/** `echo 'app:x:10001:10001::/app:/sbin/nologin' >> /etc/passwd` (and /etc/group). */
function appendPasswd(s: State, cmd: ShellCommand, args: string[], index: number): void {
  const target = cmd.redirects.find((r) => r.op === '>>' || r.op === '>')?.target;
  if (target !== '/etc/passwd' && target !== '/etc/group') return;
  const text = args.filter((a) => !/^-[neE]+$/.test(a)).join(' ').replace(/\\n/g, '\n');
  for (const line of text.split('\n')) {
    const f = line.trim().split(':');
    if (target === '/etc/passwd' && f.length >= 7) {
      const uid = numberOrNull(f[2]);
      const gid = numberOrNull(f[3]);
      s.accounts.set(f[0], {
        name: f[0],
        uid,
        gid,
        group: gid === null ? null : ([...s.groups.values()].find((g) => g.gid === gid)?.name ?? null),
        groups: [],
        home: f[5] || null,
        shell: f[6] || null,
        system: uid !== null && uid < 1000,
        createdBy: index,
      });
    } else if (target === '/etc/group' && f.length >= 3) {
      addGroup(s, f[0], numberOrNull(f[2]), index);
    }
  }
}

function copyInstruction(ctx: ImageContext, s: State, ins: Instruction, step: StepState): void {
  const from = ins.flags.find((f) => f.name === 'from')?.value ?? null;
  const chownFlag = ins.flags.find((f) => f.name === 'chown')?.value ?? null;
  const words = parseJsonArray(ins.argumentsText) ?? splitWords(stripFlags(ins.argumentsText), ctx.model.escapeChar);
  const values = words.map((w) => processWord(w, step.vars, ctx.model.escapeChar).value);
  if (values.length < 2) return;
  const dest = values[values.length - 1];
  const sources = values.slice(0, -1);
  const destPath = step.workdir !== null ? resolvePath(step.workdir, dest) : dest;

  if (chownFlag) {
    const owner = processWord(chownFlag, step.vars, ctx.model.escapeChar).value;
    const [user, group] = splitCopyOwner(owner);
    s.ownership.push({ path: destPath, user, group, recursive: true, instruction: ins.index, via: ins.keyword === 'ADD' ? 'ADD --chown' : 'COPY --chown' });
    checkOwnerExists(s, user, group, `${ins.keyword} --chown=${owner}`);
  }

  // /etc/passwd (or all of /etc) copied from a stage or an image replaces the accounts
  if (from !== null) {
    const copiesPasswd = sources.some((src) => ['/etc/passwd', '/etc', '/etc/'].includes(src.replace(/(?<!\/)\/+$/, '') || '/')) && (destPath === '/etc/passwd' || destPath === '/etc' || destPath === '/etc/' || dest.endsWith('/etc/'));
    if (!copiesPasswd) return;
    const source = sourceAccounts(ctx, ins, from);
    s.accounts = source.accounts;
    if (sources.some((src) => src.startsWith('/etc/group') || src.replace(/(?<!\/)\/+$/, '') === '/etc')) s.groups = source.groups;
    s.complete = source.complete;
    s.baseKnown = source.baseKnown;
    for (const a of s.accounts.values()) a.createdBy = ins.index;
  }
}

function splitCopyOwner(owner: string): [string, string | null] {
  const i = owner.indexOf(':');
  return i < 0 ? [owner, null] : [owner.slice(0, i), owner.slice(i + 1) || null];
}

function sourceAccounts(ctx: ImageContext, ins: Instruction, from: string): Pick<State, 'accounts' | 'groups' | 'complete' | 'baseKnown'> {
  const stageIndex = ctx.model.stages[ins.stageIndex]?.copiesFrom.find((i) => {
    const st = ctx.model.stages[i];
    return st.name === from.toLowerCase() || String(st.index) === from;
  });
  if (stageIndex !== undefined) return cloneState(stageUsers(ctx, stageIndex));
  return fromFacts(lookupBaseImage(parseImageReference(from)));
}

/** Resolves a USER spec (`appuser`, `10001:10001`, `app:app`) against the stage's accounts. */
export function resolveUser(users: StageUsers, spec: string | null): ResolvedUser {
  if (spec === null) {
    return { spec: '', user: '', group: null, uid: null, gid: null, numeric: false, exists: null, root: null, detail: 'The user is set by a base image Shipshape does not know.' };
  }
  const [user, group] = splitCopyOwner(spec);
  const groupGid = group === null ? null : (numberOrNull(group) ?? users.groups.find((g) => g.name === group)?.gid ?? null);
  if (user === '' || user === 'root' || user === '0') {
    const rootKnown = user !== 'root' || users.accounts.some((a) => a.name === 'root') || !users.complete;
    return {
      spec,
      user: user === '' ? 'root' : user,
      group,
      uid: 0,
      gid: groupGid ?? 0,
      numeric: user === '0',
      exists: user === 'root' ? (rootKnown ? true : false) : true,
      root: true,
      detail: user === '' ? 'No USER: the container runs as root (UID 0).' : 'The container runs as root (UID 0).',
    };
  }
  const n = numberOrNull(user);
  if (n !== null) {
    const named = users.accounts.find((a) => a.uid === n);
    return {
      spec,
      user,
      group,
      uid: n,
      gid: groupGid ?? named?.gid ?? null,
      numeric: true,
      // any numeric UID works, with or without a passwd entry
      exists: true,
      root: n === 0,
      detail: named ? `UID ${n} (${named.name}).` : `UID ${n}; no account has it, which Docker allows for a numeric USER.`,
    };
  }
  const account = users.accounts.find((a) => a.name === user);
  if (account) {
    return {
      spec,
      user,
      group,
      uid: account.uid,
      gid: groupGid ?? account.gid,
      numeric: false,
      exists: true,
      root: account.uid === null ? null : account.uid === 0,
      detail:
        account.uid === null
          ? `\`${user}\` exists; its UID was picked automatically and depends on accounts Shipshape does not know. Pass -u to fix it.`
          : `\`${user}\` has UID ${account.uid}${account.createdBy === 'base' ? ' (an account of the base image)' : ''}.`,
    };
  }
  if (!users.baseKnown) {
    return { spec, user, group, uid: null, gid: groupGid, numeric: false, exists: null, root: null, detail: `\`${user}\` is not created in this Dockerfile; the base image may have it, but Shipshape does not know that image.` };
  }
  if (!users.complete) {
    return { spec, user, group, uid: null, gid: groupGid, numeric: false, exists: null, root: null, detail: `\`${user}\` is not created in this Dockerfile and is not an account Shipshape knows in the base image.` };
  }
  return {
    spec,
    user,
    group,
    uid: null,
    gid: groupGid,
    numeric: false,
    exists: false,
    root: null,
    detail: `\`${user}\` is neither created in this Dockerfile nor an account of the base image: the container fails to start ("unable to find user ${user}").`,
  };
}
