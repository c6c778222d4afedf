import { defineRule } from '../rule.ts';
import type { Instruction, Stage } from '../model.ts';
import type { ShellCommand, Word } from '../shell.ts';
import type { Range } from '../types.ts';

/** Packages that compile or fetch sources and are not needed to run the result. */
const BUILD_PACKAGES = new Set([
  'build-essential', 'build-base', 'alpine-sdk', 'gcc', 'g++', 'gcc-c++', 'clang', 'llvm', 'gfortran',
  'make', 'cmake', 'ninja', 'ninja-build', 'meson', 'autoconf', 'automake', 'libtool', 'pkg-config', 'pkgconf',
  'pkgconfig', 'bison', 'flex', 'nasm', 'yasm', 'linux-headers', 'git', 'golang', 'golang-go', 'go', 'maven', 'gradle',
  'ant', 'cargo', 'rustc', 'rust', 'default-jdk', 'default-jdk-headless',
]);
const BUILD_PACKAGE_PATTERNS = [
  /-dev$/, // Debian and Alpine headers: libpq-dev, musl-dev, python3-dev
  /-devel$/, // RPM headers: openssl-devel, java-17-openjdk-devel
  /^(gcc|g\+\+|clang|llvm)-\d+(\.\d+)?$/, // versioned compilers: gcc-12, clang-17
  /^openjdk-?\d+-jdk(-headless)?$/, // a JDK rather than a JRE: openjdk-17-jdk, openjdk21-jdk
  /^golang-\d+(\.\d+)*(-go)?$/,
];

function isBuildPackage(name: string): boolean {
  return BUILD_PACKAGES.has(name) || BUILD_PACKAGE_PATTERNS.some((p) => p.test(name));
}

/** `gcc=4:12.2.0-3`, `gcc:amd64`, `gcc/bookworm-backports`, `gcc>12` -> `gcc`. */
function packageName(word: string): string {
  return word.toLowerCase().split(/[=<>~/]/)[0].replace(/:[a-z0-9]+$/, '');
}

type Manager = 'apt' | 'apk' | 'rpm' | 'zypper';

const INSTALL: Record<string, { manager: Manager; verbs: string[]; removeVerbs: string[] }> = {
  'apt-get': { manager: 'apt', verbs: ['install'], removeVerbs: ['purge', 'remove'] },
  apt: { manager: 'apt', verbs: ['install'], removeVerbs: ['purge', 'remove'] },
  aptitude: { manager: 'apt', verbs: ['install'], removeVerbs: ['purge', 'remove'] },
  apk: { manager: 'apk', verbs: ['add'], removeVerbs: ['del'] },
  dnf: { manager: 'rpm', verbs: ['install'], removeVerbs: ['remove', 'erase'] },
  microdnf: { manager: 'rpm', verbs: ['install'], removeVerbs: ['remove'] },
  tdnf: { manager: 'rpm', verbs: ['install'], removeVerbs: ['remove', 'erase'] },
  yum: { manager: 'rpm', verbs: ['install'], removeVerbs: ['remove', 'erase'] },
  zypper: { manager: 'zypper', verbs: ['install', 'in'], removeVerbs: ['remove', 'rm'] },
};

/** Options whose value is the next word when not written with `=`. */
const OPTIONS_WITH_VALUE: Record<Manager, Set<string>> = {
  apt: new Set(['-o', '--option', '-t', '--target-release', '--default-release', '-c', '--config-file']),
  apk: new Set(['-t', '--virtual', '-X', '--repository', '-p', '--root', '--arch', '--cache-dir', '--keys-dir', '--repositories-file']),
  rpm: new Set(['-x', '--exclude', '--releasever', '--installroot', '-c', '--config', '--enablerepo', '--disablerepo', '--repo', '--setopt']),
  zypper: new Set(['-r', '--repo', '--from', '-t', '--type']),
};

interface Invocation {
  /** The command without a leading `sudo`. */
  name: string;
  programRange: Range;
  args: Word[];
}

const SUDO_OPTIONS_WITH_VALUE = new Set(['-u', '-g', '-h', '-p', '-C', '-D', '-r', '-t', '-U']);

function unwrapSudo(cmd: ShellCommand): Invocation | undefined {
  if (cmd.name !== 'sudo') return { name: cmd.name, programRange: cmd.programRange, args: cmd.args };
  let i = 0;
  while (i < cmd.args.length && cmd.args[i].value.startsWith('-')) {
    i += SUDO_OPTIONS_WITH_VALUE.has(cmd.args[i].value) ? 2 : 1;
  }
  const program = cmd.args[i];
  if (!program) return undefined;
  return { name: program.value.slice(program.value.lastIndexOf('/') + 1), programRange: program.range, args: cmd.args.slice(i + 1) };
}

interface Operands {
  verb: string | undefined;
  verbWord: Word | undefined;
  operands: Word[];
  flags: string[];
  /** apk `--virtual .build-deps` / `-t .build-deps`. */
  virtual?: string;
}

function readOperands(inv: Invocation, manager: Manager): Operands {
  const takesValue = OPTIONS_WITH_VALUE[manager];
  const operands: Word[] = [];
  const flags: string[] = [];
  let verbWord: Word | undefined;
  let virtual: string | undefined;
  for (let i = 0; i < inv.args.length; i++) {
    const w = inv.args[i];
    if (w.value.startsWith('-')) {
      const eq = w.value.indexOf('=');
      const name = eq >= 0 ? w.value.slice(0, eq) : w.value;
      flags.push(name);
      let value: string | undefined = eq >= 0 ? w.value.slice(eq + 1) : undefined;
      if (eq < 0 && takesValue.has(name)) value = inv.args[++i]?.value;
      if (manager === 'apk' && (name === '--virtual' || name === '-t')) virtual = value;
      continue;
    }
    if (!verbWord) verbWord = w;
    else operands.push(w);
  }
  return { verb: verbWord?.value, verbWord, operands, flags, virtual };
}

interface Install {
  ins: Instruction;
  manager: Manager;
  tools: Word[];
  virtual?: string;
}

/** A build started in the image: `go build`, `npm run build`, `gcc -o app app.c`. */
function buildInvocation(inv: Invocation): { what: string; end: Range; builder: string } | undefined {
  const plain = inv.args.filter((a) => !a.value.startsWith('-'));
  const first = plain[0];
  const n = inv.name;
  if (n === 'go' && first && (first.value === 'build' || first.value === 'install')) return { what: `go ${first.value}`, end: first.range, builder: 'golang' };
  if (n === 'cargo' && first && (first.value === 'build' || first.value === 'install')) return { what: `cargo ${first.value}`, end: first.range, builder: 'rust' };
  if (n === 'dotnet' && first && (first.value === 'build' || first.value === 'publish')) return { what: `dotnet ${first.value}`, end: first.range, builder: 'mcr.microsoft.com/dotnet/sdk' };
  if (n === 'mvn' || n === 'mvnw') {
    const goal = plain.find((a) => /^(compile|test-compile|package|verify|install|deploy)$/.test(a.value));
    if (goal) return { what: `${n} ${goal.value}`, end: goal.range, builder: 'maven' };
  }
  if (n === 'gradle' || n === 'gradlew') {
    const task = plain.find((a) => /^(:?[\w-]+:)*(build|assemble|bootJar|bootWar|jar|war|shadowJar|installDist|compile\w*)$/.test(a.value));
    if (task) return { what: `${n} ${task.value}`, end: task.range, builder: 'gradle' };
  }
  if (n === 'npm' || n === 'yarn' || n === 'pnpm' || n === 'bun') {
    const script = first && (first.value === 'run' || first.value === 'run-script') ? plain[1] : n === 'npm' || n === 'bun' ? undefined : first;
    if (script && /^(build|compile)([:-][\w:-]*)?$/.test(script.value)) return { what: `${n} ${first === script ? '' : `${first.value} `}${script.value}`, end: script.range, builder: 'node' };
  }
  if (/^(gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(-\d+)?$/.test(n)) return { what: n, end: inv.programRange, builder: 'gcc' };
  if (n === 'make' || n === 'cmake' || n === 'javac' || n === 'rustc') {
    const builder = n === 'javac' ? 'eclipse-temurin' : n === 'rustc' ? 'rust' : 'gcc';
    return { what: n, end: inv.programRange, builder };
  }
  return undefined;
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `\`${n}\``);
  return q.length <= 1 ? q.join('') : `${q.slice(0, -1).join(', ')} and ${q[q.length - 1]}`;
}

function spanOf(words: Word[]): Range {
  return { start: words[0].range.start, end: words[words.length - 1].range.end };
}

export default defineRule({
  meta: {
    id: 'no-build-tools-in-final-stage',
    title: 'Build tools stay out of the final image',
    severity: 'warning',
    lesson: '07-multi-stage-builds',
    related: {},
    why:
      'Compilers, headers, git and build systems are needed to make the application, not to run it. Left in the shipped image ' +
      'they add hundreds of megabytes and CVEs to patch, and they hand an attacker who gets a shell the tools to build and fetch ' +
      'whatever comes next. A multi-stage build installs and runs them in a builder stage and copies only the result into the ' +
      'final stage with `COPY --from`. Builder stages are not judged. Packages installed and removed again in the same RUN ' +
      '(`apk add --virtual .build-deps ... && apk del .build-deps`) do not count; a removal in a later RUN does, because the ' +
      'earlier layer still holds them.',
    fixable: false,
    examples: {
      incorrect:
        'FROM golang:1.27-alpine\nWORKDIR /src\nRUN apk add --no-cache git\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN go build -o /usr/local/bin/api ./cmd/api\nUSER 65532\nENTRYPOINT ["/usr/local/bin/api"]\n',
      correct:
        'FROM golang:1.27-alpine AS build\nWORKDIR /src\nRUN apk add --no-cache git\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nENTRYPOINT ["/api"]\n',
    },
  },
  create(context) {
    let installs: Install[] = [];
    /** Packages removed in each RUN of the stage, by instruction index. */
    let removals: { ins: Instruction; names: Set<string>; all: Set<Manager> }[] = [];

    const readRun = (ins: Instruction, stage: Stage) => {
      const runInstalls: Install[] = [];
      const removed = new Set<string>();
      const removedAll = new Set<Manager>();
      let aptMarkAuto = false;
      let aptAutoRemove = false;
      for (const cmd of ins.commands) {
        const inv = unwrapSudo(cmd);
        if (!inv) continue;
        if (inv.name === 'apt-mark' && inv.args.some((a) => a.value === 'auto')) aptMarkAuto = true;
        const pm = INSTALL[inv.name];
        if (pm) {
          const op = readOperands(inv, pm.manager);
          if (op.verb && pm.verbs.includes(op.verb)) {
            const tools = op.operands.filter((w) => !w.value.includes('$') && !w.value.startsWith('.') && isBuildPackage(packageName(w.value)));
            runInstalls.push({ ins, manager: pm.manager, tools, virtual: op.virtual });
          } else if (op.verb && pm.removeVerbs.includes(op.verb)) {
            for (const w of op.operands) removed.add(packageName(w.value));
            if (pm.manager === 'apt' && (op.flags.includes('--auto-remove') || op.flags.includes('--autoremove'))) aptAutoRemove = true;
          } else if (op.verb === 'autoremove' && pm.manager === 'apt') aptAutoRemove = true;
          continue;
        }
        const build = buildInvocation(inv);
        if (build) {
          context.report({
            range: { start: inv.programRange.start, end: build.end.end },
            message:
              `\`${build.what}\` runs in ${stage.isFinal ? 'the final stage' : `stage \`${stage.name ?? stage.index}\`, which the final image is built on`}, so the toolchain and ` +
              `your sources ship with the image. Build in a builder stage (\`FROM ${build.builder}:<version> AS build\`) and ` +
              '`COPY --from=build` only the output into a minimal final stage.',
          });
        }
      }
      // `apt-mark auto` + `apt-get purge --auto-remove` removes everything the RUN installed (the official images' pattern)
      if (aptMarkAuto && aptAutoRemove) removedAll.add('apt');
      for (const inst of runInstalls) {
        if (removedAll.has(inst.manager)) continue;
        if (inst.virtual && removed.has(inst.virtual.toLowerCase())) continue;
        inst.tools = inst.tools.filter((w) => !removed.has(packageName(w.value)));
        if (inst.tools.length > 0) installs.push(inst);
      }
      removals.push({ ins, names: removed, all: removedAll });
    };

    return {
      stage() {
        installs = [];
        removals = [];
      },
      instruction(ins, stage) {
        if (!stage?.inFinalImage || ins.keyword !== 'RUN') return;
        readRun(ins, stage);
      },
      stageEnd(stage) {
        if (!stage.inFinalImage) return;
        for (const inst of installs) {
          const names = inst.tools.map((w) => packageName(w.value));
          const laterRemoval = removals.some(
            (r) => r.ins.index > inst.ins.index && (r.all.has(inst.manager) || names.some((n) => r.names.has(n)) || (inst.virtual !== undefined && r.names.has(inst.virtual.toLowerCase()))),
          );
          const where = stage.isFinal ? 'the final stage' : `stage \`${stage.name ?? stage.index}\`, which the final image is built on`;
          const one = names.length === 1;
          context.report({
            range: spanOf(inst.tools),
            message:
              `${quoteList(names)} ${one ? 'is a build tool' : 'are build tools'} installed in ${where}, so ${one ? 'it ships' : 'they ship'} with the image. ` +
              (laterRemoval
                ? `Removing ${one ? 'it' : 'them'} in a later RUN still leaves ${one ? 'it' : 'them'} in this layer: remove ${one ? 'it' : 'them'} in the same RUN, or install ${one ? 'it' : 'them'} in a builder stage and \`COPY --from\` only what it produces.`
                : `Install ${one ? 'it' : 'them'} in a builder stage and \`COPY --from\` only what it produces, or remove ${one ? 'it' : 'them'} in the same RUN once the build step is done.`),
          });
        }
      },
    };
  },
});
