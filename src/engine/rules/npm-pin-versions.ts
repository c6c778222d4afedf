import { defineRule } from '../rule.ts';
import { parsePackageManagerCommand, type PackageSpec } from '../package-managers.ts';

/**
 * A version a registry install cannot move away from: an exact version or a bounded range
 * (`1.2.3`, `~1.2.3`, `^1.2.3`, `1.x`). Dist-tags (`latest`, `next`), `*` and bare lower bounds move.
 */
function pinned(spec: PackageSpec): boolean {
  const v = (spec.version ?? '').trim();
  if (v === '' || v === '*' || /^[xX]$/.test(v)) return false;
  if (/^[A-Za-z]/.test(v) && !/^v\d/.test(v)) return false; // a dist-tag: latest, next, beta, lts
  if (/^>/.test(v) && !v.includes('<')) return false;
  return true;
}

export default defineRule({
  meta: {
    id: 'npm-pin-versions',
    title: 'npm, yarn and pnpm packages are pinned to a version',
    severity: 'warning',
    lesson: '06-know-your-dependencies',
    related: { hadolint: ['DL3016'] },
    why:
      'Installing a package by name (`npm install -g typescript`, `yarn add express`) takes whatever the registry calls ' +
      '`latest` that day, and its dependencies float with it: rebuilding can pull a new major version or a compromised ' +
      'release. The good path for an application is its lockfile: copy `package.json` and `package-lock.json` and run ' +
      '`npm ci` (or `yarn install --frozen-lockfile`, `pnpm install --frozen-lockfile`); `npm install` with no package ' +
      'names reads package.json and is fine. Tools installed by name need a version: `typescript@5.6.3`. A bounded range ' +
      '(`^5.6.3`) is accepted like a lockfile-less semver pin; dist-tags such as `@latest` and `@next` move and are reported.',
    fixable: false,
    examples: {
      incorrect: 'FROM node:22-bookworm-slim\nWORKDIR /app\nRUN npm install -g pm2\nCOPY . .\nRUN npm install express\nCMD ["pm2-runtime", "server.js"]\n',
      correct:
        'FROM node:22-bookworm-slim\nWORKDIR /app\nRUN npm install -g pm2@5.4.3\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["pm2-runtime", "server.js"]\n',
    },
  },
  create(context) {
    return {
      command(cmd) {
        const pm = parsePackageManagerCommand(cmd);
        if (!pm || (pm.manager !== 'npm' && pm.manager !== 'yarn' && pm.manager !== 'pnpm') || pm.action !== 'install') return;
        for (const p of pm.packages) {
          let message: string | undefined;
          if (p.kind === 'vcs') {
            if (!p.word.value.includes('#')) message = `\`${p.word.value}\` follows the default branch: pin a tag or commit with \`#<ref>\`.`;
          } else if (p.kind === 'registry' && !pinned(p)) {
            const how = `\`${p.name}@<version>\``;
            message = p.version
              ? `\`${p.word.value}\` moves with every release: pin a version, ${how}.`
              : pm.global
                ? `Pin \`${p.name}\` to a version: ${how}.`
                : `Pin \`${p.name}\` to a version (${how}), or add it to package.json and install from the lockfile with \`npm ci\`.`;
          }
          if (message) context.report({ range: p.word.range, message });
        }
      },
    };
  },
});
