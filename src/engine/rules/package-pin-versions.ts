import { defineRule } from '../rule.ts';
import type { Instruction, Stage } from '../model.ts';
import { hasFlag, parsePackageManagerCommand, type PackageManagerCommand, type PackageSpec } from '../package-managers.ts';

/** A Go version query that names one release or commit: `v1.2.3`, `v0.0.0-2024...-abcdef`, a commit hash. */
const GO_FIXED = /^(v\d|[0-9a-f]{7,40}$)/;

/** True when a COPY/ADD before `ins` in the stage chain brought a go.mod, which then fixes module versions. */
function copiedGoMod(stage: Stage, stages: readonly Stage[], ins: Instruction): boolean {
  for (let s: Stage | undefined = stage; s; s = s.baseStage !== undefined ? stages[s.baseStage] : undefined) {
    for (const i of s.instructions) {
      if (i.index >= ins.index) break;
      if (i.keyword !== 'COPY' && i.keyword !== 'ADD') continue;
      if (i.args.slice(0, -1).some((a) => /^(\.\/?|go\.(mod|\*))$/.test(a.value) || a.value.endsWith('/go.mod'))) return true;
    }
  }
  return false;
}

function messageFor(pm: PackageManagerCommand, p: PackageSpec): string | undefined {
  switch (pm.manager) {
    case 'gem':
      if (p.kind !== 'registry' || (p.operator === ':' && p.version)) return undefined;
      return `Pin the gem \`${p.name}\`: \`gem install ${p.name} -v <version>\` (or \`${p.name}:<version>\`); application gems belong in a Gemfile.lock.`;
    case 'go': {
      if (p.kind !== 'registry' || !p.name.split('/')[0].includes('.')) return undefined;
      if (p.version && GO_FIXED.test(p.version)) return undefined;
      return p.version
        ? `\`@${p.version}\` moves: pin \`${p.name}\` to a release, \`${p.name}@v<version>\`.`
        : `Pin \`${p.name}\` to a release: \`${p.name}@v<version>\`; without a version \`go install\` takes the newest.`;
    }
    case 'yum':
    case 'dnf': {
      if (p.kind !== 'registry') return undefined;
      if (pm.subcommand.startsWith('module')) {
        return p.operator === ':' ? undefined : `Name the module stream: \`${p.name}:<stream>\`, so the major version cannot change under you.`;
      }
      if (p.version && (p.operator === '-' || p.operator === '=' || p.operator === '<' || p.operator === '<=')) return undefined;
      return `Pin \`${p.name}\` to a version: \`${p.name}-<version>\` (\`${pm.tool === 'microdnf' ? 'dnf' : pm.tool} list --showduplicates ${p.name}\` lists them).`;
    }
    case 'zypper':
      if (p.kind !== 'registry') return undefined;
      if (p.version && (p.operator === '=' || p.operator === '<' || p.operator === '<=')) return undefined;
      return `Pin \`${p.name}\` to a version: \`'${p.name}=<version>'\` (\`zypper search -s ${p.name}\` lists them).`;
    default:
      return undefined;
  }
}

export default defineRule({
  meta: {
    id: 'package-pin-versions',
    title: 'gem, go install, yum/dnf and zypper packages are pinned to a version',
    severity: 'warning',
    lesson: '06-know-your-dependencies',
    related: { hadolint: ['DL3028', 'DL3033', 'DL3041', 'DL3037', 'DL3062'] },
    why:
      'The same rule as for apt, apk, pip and npm, for the other package managers an image may use: a package named without ' +
      'a version is whatever is newest on build day. One rule covers them because the course images rarely use them and the ' +
      'advice is the same; the message names the syntax of each: `gem install rails -v 7.2.1`, `go install ' +
      'golang.org/x/tools/gopls@v0.16.2` (`@latest` is not a pin), `dnf install -y httpd-2.4.62`, ' +
      '`zypper install -y \'curl=8.6.0\'`. `go install pkg` without a version after the stage copied a go.mod takes the version ' +
      'go.mod requires, so it is not reported. Every related hadolint id is listed, so any of their ignore comments silences it.',
    fixable: false,
    examples: {
      incorrect:
        'FROM golang:1.23-bookworm AS build\nRUN go install github.com/go-delve/delve/cmd/dlv@latest\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n' +
        'FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      correct:
        'FROM golang:1.23-bookworm AS build\nRUN go install github.com/go-delve/delve/cmd/dlv@v1.23.1\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app ./cmd/app\n' +
        'FROM gcr.io/distroless/static-debian12\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
  },
  create(context) {
    return {
      command(cmd, ins, stage) {
        const pm = parsePackageManagerCommand(cmd);
        if (!pm || pm.action !== 'install') return;
        if (pm.manager !== 'gem' && pm.manager !== 'go' && pm.manager !== 'yum' && pm.manager !== 'dnf' && pm.manager !== 'zypper') return;
        // `gem install a b -v 1.2` pins every gem named
        if (pm.manager === 'gem' && hasFlag(pm, '-v', '--version')) return;
        const goModule = pm.manager === 'go' && copiedGoMod(stage, context.model.stages, ins);
        for (const p of pm.packages) {
          if (goModule && !p.version) continue;
          const message = messageFor(pm, p);
          if (message) context.report({ range: p.word.range, message });
        }
      },
    };
  },
});
