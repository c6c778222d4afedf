/**
 * Package-manager invocations in shell commands: which manager, which subcommand, which flags and
 * which package arguments (with their ranges), looking through wrappers such as `sudo`, `env`,
 * `xargs` and `nice`. Rules about pinning, caches and installed tools share this one reading, and
 * the quick fixes insert flags through `insertFlagAfterSubcommand`.
 */
import type { Instruction } from './model.ts';
import type { ShellCommand, Word } from './shell.ts';
import { isCompleteShell } from './shell.ts';
import { joinContinuations, type LineIndex } from './text.ts';
import type { TextEdit } from './types.ts';

/** Package-manager families; `tool` on the invocation says which binary was run. */
export type PackageManager = 'apt' | 'apk' | 'pip' | 'npm' | 'yarn' | 'pnpm' | 'gem' | 'go' | 'yum' | 'dnf' | 'zypper';

/** What a subcommand does, whatever the manager calls it. */
export type PackageAction = 'install' | 'update' | 'upgrade' | 'remove' | 'clean' | 'other';

export interface PackageFlag {
  /** As written up to `=`: `--no-cache`, `-t`, `-ldflags`. Clusters such as `-yq` give one flag per letter. */
  name: string;
  /** The value, inline (`--index-url=URL`) or the next word (`-t bookworm-backports`); null for a switch. */
  value: string | null;
  word: Word;
  valueWord?: Word;
}

export type PackageSpecKind = 'registry' | 'file' | 'url' | 'vcs' | 'group' | 'variable';

export interface PackageSpec {
  word: Word;
  /** The package name without version, extras or architecture (`@scope/name` kept whole for npm). */
  name: string;
  /** The version constraint operator as written: `=`, `==`, `>=`, `~=`, `~`, `@`, `:`, `-`; null when none. */
  operator: string | null;
  /** What follows the operator (`1.2.3`, `^4.18`, `latest`, `>=1,<2` for pip); null when none. */
  version: string | null;
  /** registry: a name the manager resolves; file/url/vcs: a local path, an archive URL, a VCS reference;
   *  group: `@group` style collections; variable: built from `$VAR` or `$(...)`, so unknown here. */
  kind: PackageSpecKind;
}

export interface PackageManagerCommand {
  manager: PackageManager;
  /** The binary as invoked: `apt-get`, `pip3`, `python3 -m pip`, `microdnf`. */
  tool: string;
  /** The shell command it was found in (wrappers included). */
  command: ShellCommand;
  /** The word naming the manager (`apt-get`; `python3` for `python3 -m pip`). */
  toolWord: Word;
  /** Wrappers looked through, outermost first: `sudo`, `env`, `xargs`. */
  wrappers: string[];
  /** `VAR=value` assignments before the command and inside `env`/`sudo`. */
  environment: Map<string, string>;
  /** The subcommand words: one (`install`) or two (`cache clean`, `global add`, `module install`). */
  subcommandWords: Word[];
  /** The subcommand as one string (`install`, `cache clean`); '' when there is none. */
  subcommand: string;
  action: PackageAction;
  /** True for global installs (`npm install -g`, `yarn global add`). */
  global: boolean;
  /** Every word after the manager (flags, subcommand and operands), in order. */
  args: Word[];
  flags: PackageFlag[];
  /** Positional words after the subcommand, flag values excluded. */
  operands: Word[];
  /** For install and remove actions: the operands read as packages; empty otherwise. */
  packages: PackageSpec[];
}

// ------------------------------------------------------------------------------------------------
// Wrappers: programs that run another command given as their arguments.
// ------------------------------------------------------------------------------------------------

interface WrapperSpec {
  /** Options that take the next word as their value. */
  valueOptions: Set<string>;
  /** Positional arguments before the command (`timeout 60 cmd`, `gosu user cmd`). */
  leadingOperands?: number;
  /** Accepts `VAR=value` words before the command (env, sudo). */
  assignments?: boolean;
  /** Options after which the wrapper does not run its operand (`command -v apt-get` only looks it up). */
  lookupOptions?: Set<string>;
}

const WRAPPERS: Record<string, WrapperSpec> = {
  sudo: { valueOptions: new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-T', '-U', '--user', '--group', '--chdir', '--prompt', '--role', '--type', '--command-timeout', '--other-user', '--close-from', '--host']), assignments: true, lookupOptions: new Set(['-l', '--list', '-v', '--validate', '-k', '-K']) },
  doas: { valueOptions: new Set(['-u', '-C']), lookupOptions: new Set(['-C']) },
  env: { valueOptions: new Set(['-u', '--unset', '-C', '--chdir', '-S', '--split-string']), assignments: true },
  xargs: { valueOptions: new Set(['-I', '-L', '-n', '-P', '-s', '-E', '-d', '-a', '--max-args', '--max-procs', '--max-lines', '--max-chars', '--delimiter', '--arg-file', '--replace', '--eof', '--process-slot-var']) },
  nice: { valueOptions: new Set(['-n', '--adjustment']) },
  ionice: { valueOptions: new Set(['-c', '-n', '-p', '-P', '-u', '--class', '--classdata']) },
  time: { valueOptions: new Set(['-f', '-o', '--format', '--output']) },
  command: { valueOptions: new Set(), lookupOptions: new Set(['-v', '-V']) },
  exec: { valueOptions: new Set(['-a']) },
  nohup: { valueOptions: new Set() },
  eatmydata: { valueOptions: new Set() },
  stdbuf: { valueOptions: new Set(['-i', '-o', '-e', '--input', '--output', '--error']) },
  timeout: { valueOptions: new Set(['-s', '-k', '--signal', '--kill-after']), leadingOperands: 1 },
  gosu: { valueOptions: new Set(), leadingOperands: 1 },
  'su-exec': { valueOptions: new Set(), leadingOperands: 1 },
};

// ------------------------------------------------------------------------------------------------
// Managers: which options take a value, and which subcommands do what.
// ------------------------------------------------------------------------------------------------

interface ManagerSpec {
  /** Options taking a value in the next word (or attached: `-tfoo`, `--opt=foo`). */
  valueOptions: Set<string>;
  /** Single-dash options may be clustered (`-yq`). */
  clusters: boolean;
  /** First subcommand words that take a second word (`cache clean`). */
  groups: Set<string>;
  actions: Record<string, PackageAction>;
}

const APT: ManagerSpec = {
  valueOptions: new Set(['-t', '--target-release', '--default-release', '-o', '--option', '-c', '--config-file', '-a', '--host-architecture', '-P', '--build-profiles']),
  clusters: true,
  groups: new Set(),
  actions: {
    install: 'install', reinstall: 'install', update: 'update', upgrade: 'upgrade', 'dist-upgrade': 'upgrade', 'full-upgrade': 'upgrade',
    remove: 'remove', purge: 'remove', autoremove: 'remove', 'auto-remove': 'remove', autopurge: 'remove', clean: 'clean', autoclean: 'clean', 'auto-clean': 'clean',
  },
};

const APK: ManagerSpec = {
  valueOptions: new Set(['-X', '--repository', '-t', '--virtual', '-p', '--root', '--keys-dir', '--repositories-file', '--arch', '--cache-dir', '--cache-max-age', '--timeout', '--repositories']),
  clusters: true,
  groups: new Set(['cache']),
  actions: { add: 'install', update: 'update', upgrade: 'upgrade', del: 'remove', 'cache clean': 'clean', 'cache purge': 'clean' },
};

const PIP: ManagerSpec = {
  valueOptions: new Set([
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-i', '--index-url', '--extra-index-url', '-f', '--find-links',
    '-t', '--target', '--prefix', '--root', '--src', '-b', '--build', '--platform', '--python-version', '--implementation', '--abi',
    '--no-binary', '--only-binary', '--upgrade-strategy', '--progress-bar', '--proxy', '--trusted-host', '--cache-dir', '--log',
    '--log-file', '--timeout', '--retries', '--exists-action', '--cert', '--client-cert', '--global-option', '--install-option',
    '-C', '--config-settings', '--root-user-action', '--report', '--keyring-provider', '--python', '--group', '--use-feature',
    '--use-deprecated', '--resume-retries',
  ]),
  clusters: true,
  groups: new Set(['cache']),
  actions: { install: 'install', uninstall: 'remove', 'cache purge': 'clean', 'cache remove': 'clean' },
};

const NPM_INSTALL = ['install', 'i', 'in', 'ins', 'inst', 'insta', 'instal', 'isnt', 'isnta', 'isntal', 'isntall', 'add', 'ci', 'clean-install', 'ic', 'install-clean', 'isntall-clean'];
const NPM: ManagerSpec = {
  valueOptions: new Set(['--prefix', '--registry', '--cache', '--userconfig', '--globalconfig', '-w', '--workspace', '--omit', '--include', '--tag', '--loglevel', '--install-strategy', '--location', '--before', '--otp', '--scope', '-C']),
  clusters: false,
  groups: new Set(['cache']),
  actions: {
    ...Object.fromEntries(NPM_INSTALL.map((a) => [a, 'install' as const])),
    update: 'upgrade', up: 'upgrade', upgrade: 'upgrade', udpate: 'upgrade',
    uninstall: 'remove', remove: 'remove', rm: 'remove', r: 'remove', un: 'remove', unlink: 'remove',
    'cache clean': 'clean',
  },
};

const YARN: ManagerSpec = {
  valueOptions: new Set(['--cwd', '--modules-folder', '--cache-folder', '--network-timeout', '--mutex', '--registry', '--global-folder', '--link-folder', '--mode']),
  clusters: false,
  groups: new Set(['global', 'cache']),
  actions: {
    add: 'install', install: 'install', 'global add': 'install', remove: 'remove', 'global remove': 'remove', upgrade: 'upgrade', up: 'upgrade',
    'global upgrade': 'upgrade', 'cache clean': 'clean',
  },
};

const PNPM: ManagerSpec = {
  valueOptions: new Set(['--filter', '-F', '--dir', '-C', '--store-dir', '--reporter', '--registry', '--workspace-root', '--config.store-dir']),
  clusters: false,
  groups: new Set(['store']),
  actions: { add: 'install', install: 'install', i: 'install', update: 'upgrade', up: 'upgrade', upgrade: 'upgrade', remove: 'remove', rm: 'remove', uninstall: 'remove', un: 'remove', 'store prune': 'clean' },
};

const GEM: ManagerSpec = {
  valueOptions: new Set(['-v', '--version', '-i', '--install-dir', '-n', '--bindir', '-s', '--source', '--platform', '-P', '--trust-policy', '-g', '--file', '--build-root', '--document']),
  clusters: true,
  groups: new Set(),
  actions: { install: 'install', i: 'install', update: 'upgrade', uninstall: 'remove', cleanup: 'clean' },
};

const GO: ManagerSpec = {
  valueOptions: new Set(['-ldflags', '-gcflags', '-asmflags', '-gccgoflags', '-tags', '-o', '-mod', '-modfile', '-p', '-pkgdir', '-toolexec', '-buildmode', '-compiler', '-installsuffix', '-overlay', '-pgo', '-C']),
  clusters: false,
  groups: new Set(['mod']),
  actions: { install: 'install', get: 'install', clean: 'clean' },
};

const RPM_ACTIONS: Record<string, PackageAction> = {
  install: 'install', in: 'install', reinstall: 'install', localinstall: 'install', groupinstall: 'install', 'module install': 'install',
  'group install': 'install', 'groups install': 'install', makecache: 'update', update: 'upgrade', upgrade: 'upgrade', up: 'upgrade',
  'distro-sync': 'upgrade', 'update-minimal': 'upgrade', remove: 'remove', erase: 'remove', rm: 'remove', autoremove: 'remove', clean: 'clean',
};
const RPM: ManagerSpec = {
  valueOptions: new Set(['--setopt', '--enablerepo', '--disablerepo', '--repo', '--repoid', '--installroot', '--releasever', '-c', '--config', '-x', '--exclude', '--downloaddir', '--destdir', '--forcearch', '-d', '--debuglevel', '-e', '--errorlevel', '--rpmverbosity', '--enable-plugin', '--disable-plugin', '--disableplugin', '--enableplugin']),
  clusters: true,
  groups: new Set(['module', 'group', 'groups']),
  actions: RPM_ACTIONS,
};

const ZYPPER: ManagerSpec = {
  valueOptions: new Set(['-R', '--root', '-D', '--reposd-dir', '-C', '--cache-dir', '-c', '--config', '-r', '--repo', '--from', '-t', '--type', '--raw-cache-dir', '--solv-cache-dir', '--pkg-cache-dir']),
  clusters: true,
  groups: new Set(),
  actions: {
    install: 'install', in: 'install', refresh: 'update', ref: 'update', update: 'upgrade', up: 'upgrade', 'dist-upgrade': 'upgrade', dup: 'upgrade',
    patch: 'upgrade', remove: 'remove', rm: 'remove', clean: 'clean', cc: 'clean',
  },
};

const SPECS: Record<PackageManager, ManagerSpec> = {
  apt: APT, apk: APK, pip: PIP, npm: NPM, yarn: YARN, pnpm: PNPM, gem: GEM, go: GO, yum: RPM, dnf: RPM, zypper: ZYPPER,
};

const PYTHON = /^python(\d+(\.\d+)?)?$/;
const PIP_NAME = /^pip(\d+(\.\d+)?)?$/;
const PYTHON_VALUE_OPTIONS = new Set(['-X', '-W', '-Q']);

function managerOf(name: string): PackageManager | null {
  switch (name) {
    case 'apt-get':
    case 'apt':
      return 'apt';
    case 'apk':
      return 'apk';
    case 'npm':
      return 'npm';
    case 'yarn':
      return 'yarn';
    case 'pnpm':
      return 'pnpm';
    case 'gem':
      return 'gem';
    case 'go':
      return 'go';
    case 'yum':
      return 'yum';
    case 'dnf':
    case 'microdnf':
    case 'tdnf':
      return 'dnf';
    case 'zypper':
      return 'zypper';
    default:
      return PIP_NAME.test(name) ? 'pip' : null;
  }
}

const basename = (s: string): string => s.slice(s.lastIndexOf('/') + 1);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

export interface UnwrappedCommand {
  /** Base name of the program the wrappers run (`apt-get` in `sudo -E apt-get install`). */
  name: string;
  programWord: Word;
  /** The words after that program. */
  args: Word[];
  /** Wrappers looked through, outermost first. */
  wrappers: string[];
  /** `VAR=value` assignments before the command and inside `env`/`sudo`. */
  environment: Map<string, string>;
}

/**
 * The command a simple command really runs, looking through `sudo`, `env`, `xargs`, `nice`,
 * `time`, `command`... Null when a wrapper only looks the program up (`command -v`) or names none.
 */
export function unwrapCommand(command: ShellCommand): UnwrappedCommand | null {
  // several rules ask about the same command: read it once (the model's commands never change)
  const readings = (command.readings ??= {});
  if (readings.unwrapped === undefined) readings.unwrapped = readUnwrapped(command);
  return readings.unwrapped as UnwrappedCommand | null;
}

function readUnwrapped(command: ShellCommand): UnwrappedCommand | null {
  const environment = new Map<string, string>();
  for (const a of command.assignments) {
    const m = ASSIGNMENT.exec(a.value);
    if (m) environment.set(m[1], m[2]);
  }
  const wrappers: string[] = [];
  let name = command.name;
  let programWord: Word = { value: command.program, range: command.programRange };
  let rest = command.args;
  for (let depth = 0; depth < 8; depth++) {
    // own entries only: a program named `constructor` or `toString` wraps nothing
    const wrapper = Object.hasOwn(WRAPPERS, name) ? WRAPPERS[name] : undefined;
    if (!wrapper) break;
    let i = 0;
    let operands = wrapper.leadingOperands ?? 0;
    for (; i < rest.length; i++) {
      const v = rest[i].value;
      if (v === '--') {
        i++;
        break;
      }
      if (wrapper.lookupOptions?.has(v)) return null;
      if (v.startsWith('-') && v.length > 1) {
        if (name === 'nice' && /^-\d+$/.test(v)) continue;
        if (wrapper.valueOptions.has(v)) i++;
        continue;
      }
      const m = wrapper.assignments ? ASSIGNMENT.exec(v) : null;
      if (m) {
        environment.set(m[1], m[2]);
        continue;
      }
      if (operands > 0) {
        operands--;
        continue;
      }
      break;
    }
    if (i >= rest.length) return null;
    wrappers.push(name);
    programWord = rest[i];
    name = basename(programWord.value);
    rest = rest.slice(i + 1);
  }
  return { name, programWord, args: rest, wrappers, environment };
}

/**
 * Reads a shell command as a package-manager invocation, looking through wrappers; null when the
 * command does not run a package manager.
 */
export function parsePackageManagerCommand(command: ShellCommand): PackageManagerCommand | null {
  const readings = (command.readings ??= {});
  if (readings.packageManager === undefined) readings.packageManager = readPackageManagerCommand(command);
  return readings.packageManager as PackageManagerCommand | null;
}

function readPackageManagerCommand(command: ShellCommand): PackageManagerCommand | null {
  const unwrapped = unwrapCommand(command);
  if (!unwrapped) return null;
  const { name, programWord, wrappers, environment } = unwrapped;
  let rest = unwrapped.args;
  let manager = managerOf(name);
  let tool = name;
  if (!manager && PYTHON.test(name)) {
    // python [options] -m pip ...
    let i = 0;
    for (; i < rest.length; i++) {
      const v = rest[i].value;
      if (v === '-m' || v === '-mpip') break;
      if (!v.startsWith('-')) return null;
      if (PYTHON_VALUE_OPTIONS.has(v)) i++;
    }
    if (i >= rest.length) return null;
    if (rest[i].value === '-mpip') rest = rest.slice(i + 1);
    else if (rest[i + 1] && PIP_NAME.test(rest[i + 1].value)) rest = rest.slice(i + 2);
    else return null;
    manager = 'pip';
    tool = `${name} -m pip`;
  }
  if (!manager) return null;
  return describe(manager, tool, command, programWord, wrappers, environment, rest);
}

function describe(
  manager: PackageManager,
  tool: string,
  command: ShellCommand,
  toolWord: Word,
  wrappers: string[],
  environment: Map<string, string>,
  args: Word[],
): PackageManagerCommand {
  const spec = SPECS[manager];
  const flags: PackageFlag[] = [];
  const positional: Word[] = [];
  let flagsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const v = word.value;
    if (flagsEnded || !v.startsWith('-') || v === '-') {
      positional.push(word);
      continue;
    }
    if (v === '--') {
      flagsEnded = true;
      continue;
    }
    const next = args[i + 1];
    const eq = v.indexOf('=');
    if (v.startsWith('--') || !spec.clusters) {
      const flagName = eq > 0 ? v.slice(0, eq) : v;
      if (eq > 0) flags.push({ name: flagName, value: v.slice(eq + 1), word });
      else if (spec.valueOptions.has(flagName) && next) {
        flags.push({ name: flagName, value: next.value, word, valueWord: next });
        i++;
      } else flags.push({ name: flagName, value: null, word });
      continue;
    }
    // a cluster of single-letter options: -yq, -tbookworm, -o Acquire::Retries=3
    const letters = v.slice(1);
    for (let k = 0; k < letters.length; k++) {
      const flagName = `-${letters[k]}`;
      if (!spec.valueOptions.has(flagName)) {
        flags.push({ name: flagName, value: null, word });
        continue;
      }
      const attached = letters.slice(k + 1).replace(/^=/, '');
      if (attached) flags.push({ name: flagName, value: attached, word });
      else if (next) {
        flags.push({ name: flagName, value: next.value, word, valueWord: next });
        i++;
      } else flags.push({ name: flagName, value: null, word });
      break;
    }
  }

  const subcommandWords: Word[] = [];
  let operands = positional;
  if (positional.length > 0) {
    subcommandWords.push(positional[0]);
    if (spec.groups.has(positional[0].value) && positional[1]) subcommandWords.push(positional[1]);
    operands = positional.slice(subcommandWords.length);
  }
  const subcommand = subcommandWords.map((w) => w.value).join(' ');
  const action: PackageAction = Object.hasOwn(spec.actions, subcommand) ? spec.actions[subcommand] : 'other';
  const global =
    subcommand.startsWith('global ') ||
    (manager === 'npm' && flags.some((f) => f.name === '-g' || f.name === '--global' || (f.name === '--location' && f.value === 'global')));

  let packageWords: Word[] = action === 'install' || action === 'remove' ? operands : [];
  // `npm ci` and `yarn install` install what the lockfile says and take no package names
  if (action === 'install' && ((manager === 'npm' && /^(ci|clean-install|ic|install-clean|isntall-clean)$/.test(subcommand)) || (manager === 'yarn' && subcommand === 'install'))) {
    packageWords = [];
  }
  const packages = packageWords.map((w) => parsePackageSpec(manager, w, subcommand));
  return { manager, tool, command, toolWord, wrappers, environment, subcommandWords, subcommand, action, global, args, flags, operands, packages };
}

// ------------------------------------------------------------------------------------------------
// Package specs
// ------------------------------------------------------------------------------------------------

const ARCHIVE_SUFFIX = /\.(deb|rpm|apk|whl|tar|tar\.gz|tgz|tar\.bz2|tar\.xz|zip|gem)$/i;
const PATH_PREFIX = /^(\.{1,2}(\/|\[|$)|\/|~\/)/;
const URL_PREFIX = /^(https?|ftp|file):\/\//i;
const VCS_PREFIX = /^(git\+[a-z]+:\/\/|git:\/\/|hg\+|svn\+|bzr\+|git@|github:|gitlab:|bitbucket:|gist:)/i;

/** Splits a package argument into name, operator and version as the manager reads it. */
export function parsePackageSpec(manager: PackageManager, word: Word, subcommand = ''): PackageSpec {
  const text = word.value;
  const spec = (kind: PackageSpecKind, name: string, operator: string | null = null, version: string | null = null): PackageSpec => ({
    word,
    name,
    operator,
    version,
    kind,
  });
  if (text.includes('$')) return spec('variable', text);
  if (VCS_PREFIX.test(text)) return spec('vcs', text);
  if (URL_PREFIX.test(text)) return spec('url', text);
  // pip's direct reference `name @ https://...whl` names a package; the manager's branch reads it
  const directReference = manager === 'pip' && /^[A-Za-z0-9][A-Za-z0-9._-]*(\[[^\]]*\])?\s*@/.test(text);
  if (!directReference && (PATH_PREFIX.test(text) || (ARCHIVE_SUFFIX.test(text) && manager !== 'go'))) return spec('file', text);

  switch (manager) {
    case 'apt': {
      const m = /^([^=/]+?)(?::[a-z0-9-]+)?(?:([=/])(.*))?$/.exec(text);
      if (!m) return spec('registry', text);
      return spec('registry', m[1], m[2] ?? null, m[3] ?? null);
    }
    case 'apk': {
      const m = /^([^=~<>@]+)(?:@[^=~<>]*)?(?:(=~|~=|>=|<=|=|~|>|<)(.*))?$/.exec(text);
      if (!m) return spec('registry', text);
      return spec('registry', m[1], m[2] ?? null, m[3] ?? null);
    }
    case 'pip': {
      // a relative path to a project or archive (`src/app`, `dist/app.whl`)
      if (text.includes('/') && !directReference) return spec('file', text);
      // name[extras] specifiers ; markers   |   name @ url
      const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/s.exec(text);
      if (!m) return spec('registry', text);
      const tail = m[3].replace(/;.*$/s, '').trim();
      if (tail.startsWith('@')) return spec('url', m[1], '@', tail.slice(1).trim());
      const op = /^(===|==|~=|!=|>=|<=|>|<)/.exec(tail);
      return spec('registry', m[1], op ? op[1] : null, op ? tail.slice(op[1].length).trim() : null);
    }
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      if (isGithubShorthand(text) && !text.startsWith('@')) return spec('vcs', text); // user/repo on GitHub
      if (/^npm:/.test(text)) return parsePackageSpec(manager, { value: text.slice(4), range: word.range });
      const at = text.indexOf('@', 1);
      if (at < 0) return spec('registry', text);
      return spec('registry', text.slice(0, at), '@', text.slice(at + 1));
    }
    case 'gem': {
      const m = /^([^:]+)(?::(.*))?$/.exec(text);
      return spec('registry', m ? m[1] : text, m?.[2] !== undefined ? ':' : null, m?.[2] ?? null);
    }
    case 'go': {
      if (!text.includes('.') && !text.includes('@') && !text.includes('/')) return spec('registry', text);
      const at = text.lastIndexOf('@');
      if (at < 0) return spec('registry', text);
      return spec('registry', text.slice(0, at), '@', text.slice(at + 1));
    }
    case 'yum':
    case 'dnf': {
      if (text.startsWith('@') || /(^|\s)group/.test(subcommand) || subcommand === 'groupinstall') return spec('group', text);
      if (subcommand.startsWith('module')) {
        const colon = text.indexOf(':');
        return colon < 0 ? spec('registry', text) : spec('registry', text.slice(0, colon), ':', text.slice(colon + 1));
      }
      const m = splitAtComparison(text, true);
      if (m) return spec('registry', m[0], m[1], m[2]);
      // name-version[-release][.arch]: the version starts at the first dash-separated part that starts with a digit
      const parts = text.split('-');
      const first = parts.findIndex((p, k) => k > 0 && /^\d/.test(p));
      if (first > 0 && /^\d/.test(parts[parts.length - 1])) return spec('registry', parts.slice(0, first).join('-'), '-', parts.slice(first).join('-'));
      return spec('registry', text);
    }
    case 'zypper': {
      if (text.startsWith('pattern:') || text.startsWith('product:')) return spec('group', text);
      const m = splitAtComparison(text, false);
      return m ? spec('registry', m[0], m[1], m[2]) : spec('registry', text);
    }
  }
}

// ------------------------------------------------------------------------------------------------
// Helpers for rules
// ------------------------------------------------------------------------------------------------

/** Every package-manager invocation among an instruction's shell commands, in order. */
export function packageManagerCommands(ins: Instruction): PackageManagerCommand[] {
  const out: PackageManagerCommand[] = [];
  for (const cmd of ins.commands) {
    const pm = parsePackageManagerCommand(cmd);
    if (pm) out.push(pm);
  }
  return out;
}

/** True when any of the names is among the flags (`--no-cache`, `-y`). */
export function hasFlag(pm: PackageManagerCommand, ...names: string[]): boolean {
  return pm.flags.some((f) => names.includes(f.name));
}

/** The value of the first flag with one of the names, or undefined. */
export function flagValue(pm: PackageManagerCommand, ...names: string[]): string | null | undefined {
  return pm.flags.find((f) => names.includes(f.name))?.value;
}

/** Packages named by an install (registry names, files, URLs...); empty for other actions. */
export function installedPackages(pm: PackageManagerCommand): PackageSpec[] {
  return pm.action === 'install' ? pm.packages : [];
}

/**
 * A text edit inserting a flag right after the subcommand (`install` -> `install --no-cache-dir`).
 * Null when the invocation has no subcommand to anchor on.
 */
export function insertFlagAfterSubcommand(pm: PackageManagerCommand, flag: string): TextEdit | null {
  const anchor = pm.subcommandWords[pm.subcommandWords.length - 1];
  if (!anchor) return null;
  return { range: { start: anchor.range.end, end: anchor.range.end }, newText: ` ${flag}` };
}

/** The invocation as people write it in messages: `apt-get install`, `python3 -m pip install`. */
export function invocationText(pm: PackageManagerCommand): string {
  return pm.subcommand ? `${pm.tool} ${pm.subcommand}` : pm.tool;
}

// ------------------------------------------------------------------------------------------------
// RUN helpers shared by the package rules
// ------------------------------------------------------------------------------------------------

export interface RunMount {
  /** `bind` when not given, as BuildKit defaults. */
  type: string;
  /** `target`, `dst` or `destination`; null when missing. */
  target: string | null;
  /** Every key=value of the mount. */
  options: Map<string, string>;
}

/** The `--mount` flags of a RUN instruction, read. */
export function runMounts(ins: Instruction): RunMount[] {
  return ins.flags
    .filter((f) => f.name === 'mount' && f.value)
    .map((f) => {
      const options = new Map<string, string>();
      for (const part of (f.value ?? '').split(',')) {
        const eq = part.indexOf('=');
        const key = (eq < 0 ? part : part.slice(0, eq)).trim().replace(/^["']|["']$/g, '').toLowerCase();
        const value = eq < 0 ? 'true' : part.slice(eq + 1).trim().replace(/^["']|["']$/g, '');
        if (key) options.set(key, value);
      }
      const target = options.get('target') ?? options.get('dst') ?? options.get('destination') ?? null;
      return { type: options.get('type') ?? 'bind', target: target ? target.replace(/(?<!\/)\/+$/, '') || '/' : null, options };
    });
}

/** True when a cache or tmpfs mount covers the path (the mount is the path or one of its parents). */
export function mountCovers(ins: Instruction, path: string): boolean {
  const clean = path.replace(/(?<!\/)\/+$/, '');
  return runMounts(ins).some(
    (m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && (clean === m.target || clean.startsWith(m.target === '/' ? '/' : `${m.target}/`)),
  );
}

/**
 * The paths a command deletes: the operands of `rm` (through sudo and friends), with trailing
 * `/` and `/*` removed, so `rm -rf /var/lib/apt/lists/*` gives `/var/lib/apt/lists`.
 */
export function removedPaths(command: ShellCommand): string[] {
  const u = unwrapCommand(command);
  if (!u || u.name !== 'rm') return [];
  return u.args
    .map((a) => a.value)
    .filter((v) => !v.startsWith('-'))
    .map((v) => v.replace(/\/\*$/, '').replace(/(?<!\/)\/+$/, '') || '/');
}

/**
 * `user/repo` or `user/repo#ref`. Split at the `#` rather than `/^[^@/]+\/[^@/]+(#.*)?$/`, whose
 * two overlapping parts backtrack quadratically on a long run of `#`.
 */
function isGithubShorthand(text: string): boolean {
  const hash = text.indexOf('#', text.indexOf('/') + 1);
  return /^[^@/]+\/[^@/]+$/.test(hash < 0 ? text : text.slice(0, hash));
}

/**
 * `name op version` split at the first comparison operator (`>=`, `<=`, `=`, `>`, `<`) that has
 * something after it, blanks around it dropped when `blanks`. A loop, not `/^(.*?)\s*(>=|...)\s*(.+)$/`,
 * which backtracks quadratically on a long run of blanks or `<`.
 */
function splitAtComparison(text: string, blanks: boolean): [string, string, string] | null {
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== '<' && c !== '>' && c !== '=') continue;
    const op = (c === '<' || c === '>') && text[i + 1] === '=' ? `${c}=` : c;
    const name = blanks ? text.slice(0, i).trimEnd() : text.slice(0, i);
    const rest = blanks ? text.slice(i + op.length).trimStart() : text.slice(i + op.length);
    if (rest !== '') return [name, op, rest];
  }
  return null;
}

/**
 * An edit appending a command at the end of a shell-form RUN (after its last line, so continuations
 * stay intact): ` && cmd`, or ` cmd` after a trailing `;`. Null where appending is not safe: exec
 * form, heredoc scripts, a trailing comment, a background `&` or a dangling operator.
 */
export function appendToRunEdit(doc: LineIndex, escapeChar: string, ins: Instruction, commandText: string): TextEdit | null {
  if (ins.keyword !== 'RUN' || ins.execForm || ins.heredocs.length > 0 || ins.commands.length === 0) return null;
  // the parser and the argument reader disagree on where this RUN ends (a comment line inside the
  // continuation, BuildKit drops it and reads on): no safe place to append
  if (ins.argumentsRange && ins.argumentsRange.end.line !== ins.range.end.line) return null;
  const lastCommand = ins.commands[ins.commands.length - 1];
  const lastEnd = doc.offsetAt(lastCommand.range.end);
  let end = doc.offsetAt(ins.range.end);
  while (end > lastEnd && /\s/.test(doc.text[end - 1])) end--;
  if (end > lastEnd && doc.text[end - 1] === escapeChar) return null;
  const tail = joinContinuations(doc.text, lastEnd, end, escapeChar).text.trim();
  if (tail.includes('#') || /(&&|\|\||\||&)$/.test(tail)) return null;
  // a comment line inside the continuation ends the RUN: text appended there would be part of the comment
  if (doc.lineText(doc.positionAt(end).line).trimStart().startsWith('#')) return null;
  // an unclosed quote or `$(` would swallow the appended command
  const scriptStart = ins.argumentsRange ? Math.min(doc.offsetAt(ins.argumentsRange.start), lastEnd) : lastEnd;
  if (!isCompleteShell(joinContinuations(doc.text, scriptStart, end, escapeChar).text)) return null;
  const at = doc.positionAt(end);
  return { range: { start: at, end: at }, newText: tail.endsWith(';') ? ` ${commandText}` : ` && ${commandText}` };
}

/** True when a command after `command` in the same RUN deletes a path the predicate accepts. */
export function removedAfter(ins: Instruction, command: ShellCommand, accepts: (path: string) => boolean): boolean {
  const from = ins.commands.indexOf(command);
  if (from < 0) return false;
  return ins.commands.slice(from + 1).some((c) => removedPaths(c).some(accepts));
}

/** `/var/cache/apk` is covered by deleting `/var/cache/apk` itself or a parent such as `/var/cache`. */
export function coversPath(removed: string, path: string): boolean {
  return removed === path || path.startsWith(removed === '/' ? '/' : `${removed}/`);
}

/** Package-manager invocations after `command` in the same RUN. */
export function packageManagerCommandsAfter(ins: Instruction, command: ShellCommand): PackageManagerCommand[] {
  const from = ins.commands.indexOf(command);
  if (from < 0) return [];
  const out: PackageManagerCommand[] = [];
  for (const c of ins.commands.slice(from + 1)) {
    const pm = parsePackageManagerCommand(c);
    if (pm) out.push(pm);
  }
  return out;
}
