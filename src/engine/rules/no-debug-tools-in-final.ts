import { defineRule } from '../rule.ts';
import type { Instruction } from '../model.ts';
import { flagValue, hasFlag, parsePackageManagerCommand, unwrapCommand, type PackageManagerCommand } from '../package-managers.ts';
import type { Range } from '../types.ts';

const EDITORS = ['vim', 'vi'];
const NETCAT = ['nc', 'netcat', 'ncat'];
const PROCPS = ['ps', 'top', 'pkill', 'pgrep', 'pidof', 'free', 'watch', 'kill', 'uptime'];
const SSH = ['ssh', 'scp', 'sftp'];
const DNS = ['dig', 'nslookup', 'host'];

/** Debugging and network tools (package name -> the programs it provides). sudo is the no-sudo rule's. */
const DEBUG_TOOLS: Record<string, string[]> = {
  vim: EDITORS, 'vim-tiny': EDITORS, 'vim-nox': EDITORS, 'vim-enhanced': EDITORS, neovim: ['nvim'], nano: ['nano'], emacs: ['emacs'], 'emacs-nox': ['emacs'],
  curl: ['curl'], wget: ['wget'],
  netcat: NETCAT, 'netcat-openbsd': NETCAT, 'netcat-traditional': NETCAT, ncat: NETCAT, 'nmap-ncat': NETCAT, nmap: ['nmap'],
  telnet: ['telnet'], 'inetutils-telnet': ['telnet'], tcpdump: ['tcpdump'], strace: ['strace'], ltrace: ['ltrace'], gdb: ['gdb'],
  less: ['less'], htop: ['htop'], lsof: ['lsof'], procps: PROCPS, 'procps-ng': PROCPS,
  'iputils-ping': ['ping'], iputils: ['ping'], 'inetutils-ping': ['ping'],
  'openssh-client': SSH, 'openssh-clients': SSH, openssh: SSH, 'openssh-server': ['sshd'],
  dnsutils: DNS, 'bind-utils': DNS, 'bind-tools': DNS, 'net-tools': ['netstat', 'ifconfig', 'route'],
};

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);

interface Install {
  name: string;
  range: Range;
  stage: number;
  /** Instruction index and command index: removals must come after. */
  at: [number, number];
  /** apk `--virtual` group the package was installed under. */
  virtual?: string;
  pm: PackageManagerCommand;
}

function removeCommand(pm: PackageManagerCommand, name: string): string {
  switch (pm.manager) {
    case 'apk':
      return `apk del ${name}`;
    case 'yum':
    case 'dnf':
      return `${pm.tool} remove -y ${name}`;
    case 'zypper':
      return `zypper rm -y ${name}`;
    default:
      return `apt-get purge -y --auto-remove ${name}`;
  }
}

/** Programs an instruction runs at container run time (HEALTHCHECK, CMD, ENTRYPOINT). */
function runtimePrograms(ins: Instruction): string[] {
  const names: string[] = [];
  for (const c of ins.commands) {
    const u = unwrapCommand(c);
    if (u) names.push(u.name);
  }
  if (ins.execForm && ins.execForm.length > 0) {
    const [first, ...rest] = ins.execForm;
    names.push(first.slice(first.lastIndexOf('/') + 1));
    // ["sh", "-c", "curl -f http://localhost/ || exit 1"]: the words of the script
    if (SHELLS.has(names[names.length - 1]) && rest[0] === '-c' && rest[1]) names.push(...(rest[1].match(/[A-Za-z0-9_.-]+/g) ?? []));
  }
  return names;
}

export default defineRule({
  meta: {
    id: 'no-debug-tools-in-final',
    title: 'No debugging or network tools in the final image',
    severity: 'warning',
    lesson: '08-install-only-what-you-need',
    related: {},
    why:
      'Editors, network clients and debuggers (vim, nano, curl, wget, netcat, telnet, tcpdump, strace, gdb, ssh, ping, ' +
      'procps) are handy while writing a Dockerfile and a gift to whoever breaks into the container: a ready toolkit to ' +
      'explore, download more tools and move sideways. They also add size and CVEs to patch. Install them in a builder or ' +
      'debug stage, or attach them when needed (`docker debug`, an ephemeral debug container). curl and wget are often ' +
      'installed for a HEALTHCHECK: when the HEALTHCHECK, CMD or ENTRYPOINT of the final image runs a tool, it is needed and ' +
      'not reported, and neither is a tool removed again later (`apk del`, `apt-get purge`, the `apt-mark auto` + ' +
      '`--auto-remove` pattern of the official images). procps is sometimes needed by start-up scripts that call `ps`; ' +
      'then keep it and say so with `# shipshape ignore=no-debug-tools-in-final`. sudo is left to the no-sudo rule.',
    fixable: false,
    examples: {
      incorrect:
        'FROM python:3.13-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends vim=2:9.0.1378-2 \\\n && rm -rf /var/lib/apt/lists/*\nCOPY . /app\nCMD ["python", "/app/main.py"]\n',
      correct:
        'FROM python:3.13-slim\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 \\\n && rm -rf /var/lib/apt/lists/*\nCOPY . /app\n' +
        'HEALTHCHECK CMD curl -fsS http://localhost:8000/health || exit 1\nCMD ["python", "/app/main.py"]\n',
    },
  },
  create(context) {
    const installs: Install[] = [];
    const removals: { names: string[]; at: [number, number] }[] = [];
    /** apt installs before this point of a RUN are auto-removed (`apt-mark auto` ... `apt-get purge --auto-remove`). */
    const autoRemoved: [number, number][] = [];
    const runtime = new Set<string>();

    return {
      instruction(ins, stage) {
        if (!stage?.inFinalImage) return;
        if (ins.keyword === 'HEALTHCHECK' || ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') {
          for (const name of runtimePrograms(ins)) runtime.add(name);
          return;
        }
        if (ins.keyword !== 'RUN') return;
        let markedAuto = false;
        for (let k = 0; k < ins.commands.length; k++) {
          const cmd = ins.commands[k];
          const u = unwrapCommand(cmd);
          if (u?.name === 'apt-mark' && u.args[0]?.value === 'auto') markedAuto = true;
          const pm = parsePackageManagerCommand(cmd);
          if (!pm) continue;
          if (pm.action === 'install' && (pm.manager === 'apt' || pm.manager === 'apk' || pm.manager === 'yum' || pm.manager === 'dnf' || pm.manager === 'zypper')) {
            const virtual = pm.manager === 'apk' ? (flagValue(pm, '--virtual', '-t') ?? undefined) : undefined;
            for (const p of pm.packages) {
              const name = p.name.toLowerCase();
              if (p.kind !== 'registry' || !Object.hasOwn(DEBUG_TOOLS, name)) continue;
              installs.push({ name, range: p.word.range, stage: stage.index, at: [ins.index, k], virtual, pm });
            }
          } else if (pm.action === 'remove') {
            removals.push({ names: pm.packages.map((p) => p.name.toLowerCase()), at: [ins.index, k] });
            const autoRemove = pm.manager === 'apt' && (hasFlag(pm, '--auto-remove', '--autoremove') || /^auto-?(remove|purge)$/.test(pm.subcommand));
            if (autoRemove && markedAuto) autoRemoved.push([ins.index, k]);
          }
        }
      },
      end() {
        const after = (a: [number, number], b: [number, number]) => a[0] > b[0] || (a[0] === b[0] && a[1] > b[1]);
        for (const install of installs) {
          const removed = removals.some((r) => after(r.at, install.at) && r.names.some((n) => n === install.name || n === install.virtual?.toLowerCase()));
          if (removed) continue;
          if (install.pm.manager === 'apt' && autoRemoved.some((a) => a[0] === install.at[0] && a[1] > install.at[1])) continue;
          if (DEBUG_TOOLS[install.name].some((tool) => runtime.has(tool))) continue;
          const network = install.name === 'curl' || install.name === 'wget';
          const message = network
            ? `\`${install.name}\` stays in the final image, and no HEALTHCHECK, CMD or ENTRYPOINT runs it: download what you need in a builder stage, or remove it in the same RUN afterwards (\`${removeCommand(install.pm, install.name)}\`).`
            : `\`${install.name}\` is a debugging tool shipped in the final image, where it adds size and hands an intruder a ready toolkit: leave it out, and debug with \`docker debug\` or an ephemeral debug container instead.`;
          context.report({ range: install.range, message, stage: install.stage });
        }
      },
    };
  },
});
