import { defineRule } from '../rule.ts';
import type { Instruction, Stage } from '../model.ts';
import type { Word } from '../shell.ts';
import { flagValue, hasFlag, parsePackageManagerCommand, unwrapCommand, type PackageManager, type PackageSpec } from '../package-managers.ts';
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
  if (BUILD_PACKAGES.has(name)) return true;
  // each pattern only where its fixed part is: most package names then cost two endsWith and a char test
  if (name.endsWith('-dev') || name.endsWith('-devel')) return true;
  const c = name.charCodeAt(0);
  // g, c, l, o: gcc/g++/clang/llvm, openjdk, golang
  if (c !== 103 && c !== 99 && c !== 108 && c !== 111) return false;
  return BUILD_PACKAGE_PATTERNS.some((p) => p.test(name));
}

type Manager = 'apt' | 'apk' | 'rpm' | 'zypper';

const NO_NAMES: ReadonlySet<string> = new Set();
const NO_MANAGERS: ReadonlySet<Manager> = new Set();
/** `apt-mark auto` + `apt-get purge --auto-remove`: everything apt installed in the RUN is removed. */
const APT_ONLY: ReadonlySet<Manager> = new Set(['apt']);

/** The system package managers this rule reads; language managers (pip, npm) install libraries, not toolchains. */
const SYSTEM_MANAGERS: Partial<Record<PackageManager, Manager>> = { apt: 'apt', apk: 'apk', yum: 'rpm', dnf: 'rpm', zypper: 'zypper' };

interface Invocation {
  name: string;
  programRange: Range;
  args: Word[];
}

interface Install {
  ins: Instruction;
  manager: Manager;
  tools: PackageSpec[];
  /** apk `--virtual .build-deps` / `-t .build-deps`. */
  virtual?: string;
}

/** Programs `buildInvocation` knows, besides the compilers of BUILD_COMPILER. */
const BUILD_PROGRAMS = new Set(['go', 'cargo', 'dotnet', 'mvn', 'mvnw', 'gradle', 'gradlew', 'npm', 'yarn', 'pnpm', 'bun', 'make', 'cmake', 'javac', 'rustc']);
const BUILD_COMPILER = /^(gcc|g\+\+|cc|c\+\+|clang|clang\+\+)(-\d+)?$/;

/** False for programs `buildInvocation` never takes for a build: most commands, rejected before their words are read. */
function mayBuild(name: string): boolean {
  return BUILD_PROGRAMS.has(name) || BUILD_COMPILER.test(name);
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
  if (BUILD_COMPILER.test(n)) return { what: n, end: inv.programRange, builder: 'gcc' };
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
    let removals: { ins: Instruction; names: ReadonlySet<string>; all: ReadonlySet<Manager> }[] = [];

    const readRun = (ins: Instruction, stage: Stage) => {
      // created on first use: most RUNs install, remove and build nothing
      let runInstalls: Install[] | undefined;
      let removed: Set<string> | undefined;
      let aptMarkAuto = false;
      let aptAutoRemove = false;
      let builds: { range: Range; message: string }[] | undefined;
      for (const cmd of ins.commands) {
        const pm = parsePackageManagerCommand(cmd);
        const manager = pm ? SYSTEM_MANAGERS[pm.manager] : undefined;
        if (pm && manager) {
          if (pm.action === 'install') {
            const tools = pm.packages.filter((p) => p.kind === 'registry' && isBuildPackage(p.name.toLowerCase()));
            const virtual = manager === 'apk' ? flagValue(pm, '--virtual', '-t') : undefined;
            (runInstalls ??= []).push({ ins, manager, tools, virtual: virtual ?? undefined });
          } else if (pm.action === 'remove') {
            for (const p of pm.packages) (removed ??= new Set()).add(p.name.toLowerCase());
            if (manager === 'apt' && (/^(autoremove|auto-remove|autopurge)$/.test(pm.subcommand) || hasFlag(pm, '--auto-remove', '--autoremove'))) aptAutoRemove = true;
          }
          continue;
        }
        const inv = unwrapCommand(cmd);
        if (!inv) continue;
        if (inv.name === 'apt-mark' && inv.args.some((a) => a.value === 'auto')) aptMarkAuto = true;
        const build = mayBuild(inv.name) ? buildInvocation({ name: inv.name, programRange: inv.programWord.range, args: inv.args }) : undefined;
        if (build) {
          (builds ??= []).push({
            range: { start: inv.programWord.range.start, end: build.end.end },
            message:
              `\`${build.what}\` runs in ${stage.isFinal ? 'the final stage' : `stage \`${stage.name ?? stage.index}\`, which the final image is built on`}, so the toolchain and ` +
              `your sources ship with the image. Build in a builder stage (\`FROM ${build.builder}:<version> AS build\`) and ` +
              '`COPY --from=build` only the output into a minimal final stage.',
          });
        }
      }
      // `apt-mark auto` + `apt-get purge --auto-remove` removes everything the RUN installed (the official images' pattern)
      const removedAll: ReadonlySet<Manager> = aptMarkAuto && aptAutoRemove ? APT_ONLY : NO_MANAGERS;
      const names: ReadonlySet<string> = removed ?? NO_NAMES;
      let installedTools = false;
      let keptTools = false;
      for (const inst of runInstalls ?? []) {
        if (inst.tools.length === 0) continue;
        installedTools = true;
        if (removedAll.has(inst.manager)) continue;
        if (inst.virtual && names.has(inst.virtual.toLowerCase())) continue;
        if (names.size > 0) inst.tools = inst.tools.filter((p) => !names.has(p.name.toLowerCase()));
        if (inst.tools.length > 0) {
          installs.push(inst);
          keptTools = true;
        }
      }
      // a RUN that removes nothing cannot count as a later removal in stageEnd
      if (names.size > 0 || removedAll.size > 0) removals.push({ ins, names, all: removedAll });
      // a RUN that installs its toolchain, builds and removes the toolchain again leaves only the result
      // (the official images build Python and Node.js this way)
      if (installedTools && !keptTools) return;
      if (builds) for (const b of builds) context.report(b);
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
          const names = inst.tools.map((p) => p.name.toLowerCase());
          const laterRemoval = removals.some(
            (r) => r.ins.index > inst.ins.index && (r.all.has(inst.manager) || names.some((n) => r.names.has(n)) || (inst.virtual !== undefined && r.names.has(inst.virtual.toLowerCase()))),
          );
          const where = stage.isFinal ? 'the final stage' : `stage \`${stage.name ?? stage.index}\`, which the final image is built on`;
          const one = names.length === 1;
          context.report({
            range: spanOf(inst.tools.map((p) => p.word)),
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
