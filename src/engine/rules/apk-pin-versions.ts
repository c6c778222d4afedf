import { defineRule } from '../rule.ts';
import { parsePackageManagerCommand } from '../package-managers.ts';

export default defineRule({
  meta: {
    id: 'apk-pin-versions',
    title: 'apk packages are pinned to a version',
    severity: 'warning',
    lesson: '06-know-your-dependencies',
    related: { hadolint: ['DL3018'] },
    why:
      '`apk add curl` takes the newest `curl` in the Alpine branch on build day, so rebuilding the same Dockerfile can ship ' +
      'a different package than the one you tested and scanned. `curl=8.11.1-r0` pins it exactly; `curl~8.11` allows only ' +
      'patch releases of 8.11. Alpine keeps only the current version of each package in a branch, so an exact pin fails ' +
      'when the branch moves on: that failure is the signal to review the update instead of taking it unseen. A lower bound ' +
      'such as `curl>=8` pins nothing.',
    fixable: false,
    examples: {
      incorrect: 'FROM node:22-alpine3.20\nRUN apk add --no-cache tini curl\n',
      correct: 'FROM node:22-alpine3.20\nRUN apk add --no-cache tini=0.19.0-r3 curl~8.11\n',
    },
  },
  create(context) {
    return {
      command(cmd) {
        const pm = parsePackageManagerCommand(cmd);
        if (!pm || pm.manager !== 'apk' || pm.action !== 'install') return;
        for (const p of pm.packages) {
          if (p.kind !== 'registry') continue;
          if ((p.operator === '=' || p.operator === '~') && p.version) continue;
          const message = p.operator
            ? `\`${p.word.value}\` is a range, not a pin: use \`${p.name}=<version>\` or \`${p.name}~<major.minor>\` (\`apk policy ${p.name}\` shows the versions).`
            : `Pin \`${p.name}\` to a version: \`${p.name}=<version>\`, or \`${p.name}~<major.minor>\` for patch updates only (\`apk policy ${p.name}\` shows the versions).`;
          context.report({ range: p.word.range, message });
        }
      },
    };
  },
});
