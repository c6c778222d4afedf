import { defineRule } from '../rule.ts';
import { coversPath, hasFlag, insertFlagAfterSubcommand, mountCovers, parsePackageManagerCommand, removedAfter } from '../package-managers.ts';

const APK_CACHE = '/var/cache/apk';

export default defineRule({
  meta: {
    id: 'apk-no-cache',
    title: 'apk does not keep its index in the image',
    severity: 'warning',
    lesson: '08-install-only-what-you-need',
    related: { hadolint: ['DL3019'] },
    why:
      '`apk add` and `apk update` store the package index under /var/cache/apk, and whatever a RUN leaves on disk is baked ' +
      'into that layer for good, even if a later RUN deletes it. `apk add --no-cache` fetches a fresh index, uses it and ' +
      'keeps nothing, which also makes a separate `apk update` unnecessary. Deleting /var/cache/apk/* later in the same RUN, ' +
      'or a build cache mount (`RUN --mount=type=cache,target=/var/cache/apk`), is fine too. Only stages that end up in the ' +
      'final image are judged.',
    fixable: true,
    examples: {
      incorrect: 'FROM python:3.13-alpine\nRUN apk update && apk add libpq=16.6-r0\n',
      correct: 'FROM python:3.13-alpine\nRUN apk add --no-cache libpq=16.6-r0\n',
    },
  },
  create(context) {
    return {
      command(cmd, ins, stage) {
        if (!stage.inFinalImage) return;
        const pm = parsePackageManagerCommand(cmd);
        if (!pm || pm.manager !== 'apk') return;
        if (pm.action !== 'install' && pm.action !== 'upgrade' && pm.action !== 'update') return;
        // --no-network fetches nothing, so no index lands in the cache (the official images' `apk add --no-network --virtual .rundeps`)
        if (hasFlag(pm, '--no-cache') || hasFlag(pm, '--no-network')) return;
        if (mountCovers(ins, APK_CACHE) || mountCovers(ins, '/etc/apk/cache')) return;
        if (removedAfter(ins, cmd, (p) => coversPath(p, APK_CACHE))) return;
        const anchor = pm.subcommandWords[pm.subcommandWords.length - 1];
        const range = { start: pm.toolWord.range.start, end: anchor.range.end };
        if (pm.action === 'update') {
          context.report({
            range,
            message: '`apk update` leaves the package index in /var/cache/apk in this layer: drop it and use `apk add --no-cache`, which fetches a fresh index without keeping it.',
          });
          return;
        }
        const edit = insertFlagAfterSubcommand(pm, '--no-cache');
        context.report({
          range,
          message: `Add \`--no-cache\` to \`apk ${pm.subcommand}\`: otherwise the package index stays in /var/cache/apk in this layer.`,
          ...(edit ? { fix: { title: 'Add --no-cache', edits: [edit] } } : {}),
        });
      },
    };
  },
});
