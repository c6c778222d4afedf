import { defineRule } from '../rule.ts';
import type { Instruction, Stage } from '../model.ts';
import { hasFlag, insertFlagAfterSubcommand, parsePackageManagerCommand } from '../package-managers.ts';

const NO_RECOMMENDS_OPTION = /^APT::Install-Recommends\s*=\s*["']?(false|0|no|off)["']?$/i;
/** An apt.conf line written by a RUN: `APT::Install-Recommends "false";` */
const NO_RECOMMENDS_CONFIG = /APT::Install-Recommends\s+\\?["']?(false|0|no|off)\b/i;

/** True when a RUN before `ins` in this stage (or one it builds on) turned recommends off in apt.conf. */
function configuredOff(stage: Stage, stages: readonly Stage[], ins: Instruction): boolean {
  for (let s: Stage | undefined = stage; s; s = s.baseStage !== undefined ? stages[s.baseStage] : undefined) {
    for (const i of s.instructions) {
      if (i.index >= ins.index) break;
      if (i.keyword !== 'RUN') continue;
      if (NO_RECOMMENDS_CONFIG.test(i.argumentsText) || i.heredocs.some((h) => NO_RECOMMENDS_CONFIG.test(h.content))) return true;
    }
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'apt-no-install-recommends',
    title: 'apt installs skip recommended packages',
    severity: 'warning',
    lesson: '08-install-only-what-you-need',
    related: { hadolint: ['DL3015'] },
    why:
      'By default `apt-get install` also installs every package the ones you asked for merely recommend: documentation ' +
      'tools, fonts, extra libraries, sometimes compilers. Installing `curl` that way can add tens of megabytes and a longer ' +
      'list of CVEs to scan and patch, none of it used by the app. `--no-install-recommends` installs what you named and what ' +
      'it needs. Only stages that end up in the final image are judged: a builder stage is thrown away. Setting ' +
      '`APT::Install-Recommends "false"` in apt.conf earlier in the stage also counts.',
    fixable: true,
    examples: {
      incorrect:
        'FROM python:3.13-slim-bookworm\nRUN apt-get update \\\n && apt-get install -y libpq5=15.10-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*\n',
      correct:
        'FROM python:3.13-slim-bookworm\nRUN apt-get update \\\n && apt-get install -y --no-install-recommends libpq5=15.10-0+deb12u1 \\\n && rm -rf /var/lib/apt/lists/*\n',
    },
  },
  create(context) {
    return {
      command(cmd, ins, stage) {
        if (!stage.inFinalImage) return;
        const pm = parsePackageManagerCommand(cmd);
        if (!pm || pm.manager !== 'apt' || pm.action !== 'install') return;
        if (hasFlag(pm, '--no-install-recommends', '--install-recommends')) return;
        if (pm.flags.some((f) => (f.name === '-o' || f.name === '--option') && NO_RECOMMENDS_OPTION.test(f.value ?? ''))) return;
        // `apt-get install -f` only repairs what is there
        if (pm.operands.length === 0 && hasFlag(pm, '-f', '--fix-broken')) return;
        if (configuredOff(stage, context.model.stages, ins)) return;
        const anchor = pm.subcommandWords[pm.subcommandWords.length - 1];
        const edit = insertFlagAfterSubcommand(pm, '--no-install-recommends');
        context.report({
          range: { start: pm.toolWord.range.start, end: anchor.range.end },
          message: `Add \`--no-install-recommends\` to \`${pm.tool} install\`: otherwise apt also installs every recommended package, which the app does not need and you then have to patch.`,
          ...(edit ? { fix: { title: 'Add --no-install-recommends', edits: [edit] } } : {}),
        });
      },
    };
  },
});
