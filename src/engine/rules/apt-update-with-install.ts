import { defineRule } from '../rule.ts';
import { hasFlag, parsePackageManagerCommand, unwrapCommand, type PackageManagerCommand } from '../package-managers.ts';
import type { ShellCommand } from '../shell.ts';
import type { Fix } from '../types.ts';

/** Installing needs a current index unless every operand is a local .deb or there is nothing to fetch. */
function needsIndex(pm: PackageManagerCommand): boolean {
  if (pm.action === 'upgrade') return true;
  if (pm.action !== 'install') return false;
  if (pm.operands.length === 0 && hasFlag(pm, '-f', '--fix-broken')) return false;
  return pm.packages.length === 0 || pm.packages.some((p) => p.kind !== 'file');
}

/** add-apt-repository refreshes the index itself unless told not to (-n, --no-update). */
function refreshesIndex(cmd: ShellCommand): boolean {
  const u = unwrapCommand(cmd);
  return u?.name === 'add-apt-repository' && !u.args.some((a) => a.value === '-n' || a.value === '--no-update');
}

export default defineRule({
  meta: {
    id: 'apt-update-with-install',
    title: 'apt-get update runs in the same RUN as the install',
    severity: 'warning',
    lesson: '09-one-run-per-step',
    related: {},
    why:
      'The build cache reuses a layer as long as its instruction text is unchanged. `RUN apt-get update` on its own line ' +
      'never changes, so its layer, with a package index from the day it was first built, is reused for months; the ' +
      '`apt-get install` in a later RUN then installs outdated versions, or fails once the mirror has dropped them. And an ' +
      'install with no update in the same RUN depends on whatever index an earlier layer left (the official Debian and ' +
      'Ubuntu images ship none at all). Running `apt-get update && apt-get install ...` in one RUN refreshes the index ' +
      'exactly when the install list changes. (hadolint has no rule for this; its DL3009 is about deleting the lists, which ' +
      'apt-lists-cleanup checks.) The quick fix puts `apt-get update &&` in front of an install that lacks it.',
    fixable: true,
    examples: {
      incorrect:
        'FROM python:3.13-slim-bookworm\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends libpq5=15.10-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*\n',
      correct:
        'FROM python:3.13-slim-bookworm\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends libpq5=15.10-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
  },
  create(context) {
    return {
      instruction(ins) {
        if (ins.keyword !== 'RUN') return;
        // the apt invocations in order, with `update` standing for anything that refreshes the index
        const steps: { pm: PackageManagerCommand | undefined; refreshes: boolean }[] = [];
        for (const cmd of ins.commands) {
          const pm = parsePackageManagerCommand(cmd);
          if (pm?.manager === 'apt') steps.push({ pm, refreshes: pm.action === 'update' });
          else if (refreshesIndex(cmd)) steps.push({ pm: undefined, refreshes: true });
        }
        for (const [k, { pm }] of steps.entries()) {
          if (!pm) continue;
          const anchor = pm.subcommandWords[pm.subcommandWords.length - 1];
          if (!anchor) continue;
          const range = { start: pm.toolWord.range.start, end: anchor.range.end };
          if (pm.action === 'update') {
            if (steps.slice(k + 1).some((step) => step.pm !== undefined && needsIndex(step.pm))) continue;
            context.report({
              range,
              message: `\`${pm.tool} update\` alone in a RUN is cached as a layer and reused long after the index is stale: run it in the same RUN as the install that needs it (\`${pm.tool} update && ${pm.tool} install -y ...\`).`,
            });
          } else if (needsIndex(pm) && !steps.slice(0, k).some((step) => step.refreshes)) {
            // `x || apt-get install` would change meaning with an `&&` in front; a pipe feeds the install itself
            const cmd = pm.command;
            const safe = cmd.after === undefined || cmd.after === '&&' || cmd.after === ';' || cmd.after === '\n';
            const prefix = `${pm.wrappers.includes('sudo') ? 'sudo ' : ''}${pm.tool} update && `;
            const fix: Fix | undefined = safe ? { title: `Run ${pm.tool} update first`, edits: [{ range: { start: cmd.range.start, end: cmd.range.start }, newText: prefix }] } : undefined;
            context.report({
              range,
              message: `\`${pm.tool} ${pm.subcommand}\` has no \`${pm.tool} update\` before it in this RUN, so it uses whatever index an earlier layer cached, or none: run \`${pm.tool} update && ${pm.tool} ${pm.subcommand} ...\` in one RUN.`,
              ...(fix ? { fix } : {}),
            });
          }
        }
      },
    };
  },
});
