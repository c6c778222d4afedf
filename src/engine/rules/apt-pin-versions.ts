import { defineRule } from '../rule.ts';
import { parsePackageManagerCommand } from '../package-managers.ts';

export default defineRule({
  meta: {
    id: 'apt-pin-versions',
    title: 'apt packages are pinned to a version',
    severity: 'warning',
    lesson: '06-know-your-dependencies',
    related: { hadolint: ['DL3008'] },
    why:
      '`apt-get install curl` installs whatever version the mirror carries on the day of the build. Two builds of the same ' +
      'Dockerfile can then ship different code, and a scan of yesterday\'s image says nothing about today\'s. Pinning ' +
      '(`curl=7.88.1-10+deb12u12`) makes the version a choice you review in a diff; when the distribution drops that version ' +
      'the build fails loudly instead of changing silently. `pkg/bookworm-backports` only chooses a release, not a version, so ' +
      'it counts as unpinned here (hadolint accepts it).',
    fixable: false,
    examples: {
      incorrect:
        'FROM python:3.13-slim-bookworm\n' +
        'RUN apt-get update \\\n' +
        ' && apt-get install -y --no-install-recommends curl libpq5 \\\n' +
        ' && rm -rf /var/lib/apt/lists/*\n',
      correct:
        'FROM python:3.13-slim-bookworm\n' +
        'RUN apt-get update \\\n' +
        ' && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u12 libpq5=15.10-0+deb12u1 \\\n' +
        ' && rm -rf /var/lib/apt/lists/*\n',
    },
  },
  create(context) {
    return {
      command(cmd) {
        const pm = parsePackageManagerCommand(cmd);
        if (!pm || pm.manager !== 'apt' || pm.action !== 'install') return;
        for (const p of pm.packages) {
          if (p.kind !== 'registry') continue;
          if (p.operator === '=' && p.version) continue;
          const message =
            p.operator === '/'
              ? `\`${p.word.value}\` chooses a release, not a version. Pin it: \`${p.name}=<version>\` (keep \`-t ${p.version}\` if it comes from there; \`apt-cache policy ${p.name}\` lists the versions).`
              : `Pin \`${p.name}\` to a version: \`${p.name}=<version>\` (\`apt-cache policy ${p.name}\` lists them), so every build installs the same package.`;
          context.report({ range: p.word.range, message });
        }
      },
    };
  },
});
