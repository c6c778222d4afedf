import { defineRule } from '../rule.ts';
import type { Stage } from '../model.ts';
import { hasFlag, parsePackageManagerCommand, type PackageSpec } from '../package-managers.ts';

/** Tools people upgrade in place (`pip install -U pip`): the message says so. */
const INSTALLER_TOOLS = new Set(['pip', 'setuptools', 'wheel']);

/** Exact (`==`, `===`), compatible (`~=`) or capped (`<`, `<=`) specifiers bound what can be installed. */
function bounded(spec: PackageSpec): boolean {
  const constraint = `${spec.operator ?? ''}${spec.version ?? ''}`;
  return /==|~=|</.test(constraint);
}

/** `git+https://host/org/repo.git@v1.2#egg=x` names a ref after the host; userinfo (`git@host`) does not count. */
function vcsPinned(text: string): boolean {
  const afterScheme = text.includes('://') ? text.slice(text.indexOf('://') + 3) : text.slice(text.indexOf(':') + 1);
  const rest = afterScheme.slice(afterScheme.indexOf('/') + 1);
  const path = rest.includes('#') ? rest.slice(0, rest.indexOf('#')) : rest;
  return path.includes('@');
}

/** `PIP_CONSTRAINT` set by ENV or ARG in the stage (or a stage it builds on) pins through a constraints file. */
function stageHasConstraint(stage: Stage, stages: readonly Stage[]): boolean {
  for (let s: Stage | undefined = stage; s; s = s.baseStage !== undefined ? stages[s.baseStage] : undefined) {
    if (s.instructions.some((i) => (i.keyword === 'ENV' || i.keyword === 'ARG') && /(^|\s)PIP_CONSTRAINT[=\s]/.test(i.argumentsText))) return true;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'pip-pin-versions',
    title: 'pip packages are pinned to a version',
    severity: 'warning',
    lesson: '06-know-your-dependencies',
    related: { hadolint: ['DL3013'] },
    why:
      '`pip install flask` installs the newest Flask on the day of the build, together with whatever versions of its ' +
      'dependencies are newest that day. A rebuild can then ship a new major version nobody tested, or a freshly published ' +
      'malicious release. Pin what you install: `flask==3.1.0`, or better a requirements file with pinned versions ' +
      '(`pip install -r requirements.txt`, ideally with hashes). Like hadolint, a requirements file, a constraints file (`-c`), ' +
      'local paths and wheels count as pinned. Unlike hadolint, only a bounded specifier counts: `==`, `~=` or an upper bound ' +
      '(`>=3,<4`); a bare lower bound such as `flask>=3` takes any future release and is reported.',
    fixable: false,
    examples: {
      incorrect:
        'FROM python:3.13-slim\nWORKDIR /app\nRUN pip install --no-cache-dir flask gunicorn\nCOPY . .\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
      correct:
        'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
  },
  create(context) {
    return {
      command(cmd, _ins, stage) {
        const pm = parsePackageManagerCommand(cmd);
        if (!pm || pm.manager !== 'pip' || pm.action !== 'install') return;
        // a constraints file pins whatever is named on the command line
        if (hasFlag(pm, '-c', '--constraint') || pm.environment.has('PIP_CONSTRAINT') || stageHasConstraint(stage, context.model.stages)) return;
        const upgrading = hasFlag(pm, '-U', '--upgrade');
        for (const p of pm.packages) {
          let message: string | undefined;
          if (p.kind === 'vcs') {
            if (!vcsPinned(p.word.value)) message = `\`${p.word.value}\` follows the default branch: pin a tag or commit with \`@<ref>\` after the repository.`;
          } else if (p.kind === 'registry' && !bounded(p)) {
            if (upgrading && INSTALLER_TOOLS.has(p.name.toLowerCase()) && !p.operator) {
              message = `Upgrading \`${p.name}\` to whatever is newest makes two builds differ: pin it (\`${p.name}==<version>\`) or keep the version the base image ships.`;
            } else if (p.operator) {
              message = `\`${p.word.value}\` has no upper bound, so it takes any future release: pin \`${p.name}==<version>\` or cap it (\`${p.name}${p.operator}${p.version},<next major>\`).`;
            } else {
              message = `Pin \`${p.name}\` to a version: \`${p.name}==<version>\`, or list it with its version in a requirements file and run \`pip install -r requirements.txt\`.`;
            }
          }
          if (message) context.report({ range: p.word.range, message });
        }
      },
    };
  },
});
