import { defineRule } from '../rule.ts';
import type { Instruction, Stage } from '../model.ts';
import {
  flagValue,
  hasFlag,
  insertFlagAfterSubcommand,
  packageManagerCommandsAfter,
  parsePackageManagerCommand,
  removedAfter,
  runMounts,
  unwrapCommand,
} from '../package-managers.ts';

const OFF = new Set(['', '0', 'false', 'no', 'off']);
const NO_CACHE_DIR = /(?:^|\s)PIP_NO_CACHE_DIR(?:=|\s+)["']?([^\s"']*)/;

/** PIP_NO_CACHE_DIR set by ENV or ARG before `ins`, in the stage or a stage it builds on. */
function stageDisablesCache(stage: Stage, stages: readonly Stage[], ins: Instruction): boolean {
  for (let s: Stage | undefined = stage; s; s = s.baseStage !== undefined ? stages[s.baseStage] : undefined) {
    for (const i of s.instructions) {
      if (i.index >= ins.index) break;
      if (i.keyword !== 'ENV' && i.keyword !== 'ARG') continue;
      const m = NO_CACHE_DIR.exec(i.argumentsText);
      if (m && !OFF.has(m[1].toLowerCase())) return true;
    }
  }
  return false;
}

/** `export PIP_NO_CACHE_DIR=1` earlier in the same RUN. */
function exportedBefore(ins: Instruction, index: number): boolean {
  return ins.commands.slice(0, index).some((c) => {
    const u = unwrapCommand(c);
    return u?.name === 'export' && u.args.some((a) => a.value.startsWith('PIP_NO_CACHE_DIR=') && !OFF.has(a.value.slice(17).toLowerCase()));
  });
}

/** A pip cache location: `~/.cache/pip`, `/root/.cache`, `$HOME/.cache/pip`, or the --cache-dir given. */
function isPipCache(path: string, cacheDir: string | null | undefined): boolean {
  if (cacheDir && path === cacheDir.replace(/(?<!\/)\/+$/, '')) return true;
  return /(^|\/)\.cache(\/pip)?$/.test(path);
}

export default defineRule({
  meta: {
    id: 'pip-no-cache-dir',
    title: 'pip does not keep its download cache in the image',
    severity: 'warning',
    lesson: '08-install-only-what-you-need',
    related: { hadolint: ['DL3042'] },
    why:
      'pip keeps every wheel it downloads in ~/.cache/pip so the next install on the same machine is faster. In an image ' +
      'there is no next install: the cache is dead weight, often as large as the packages themselves, baked into the layer ' +
      'for good. `pip install --no-cache-dir` skips it. `ENV PIP_NO_CACHE_DIR=1` in the stage, deleting the cache in the ' +
      'same RUN, or a build cache mount on the cache directory (`RUN --mount=type=cache,target=/root/.cache/pip`, which ' +
      'speeds up rebuilds without shipping the cache) are fine too. Only stages that end up in the final image are judged.',
    fixable: true,
    examples: {
      incorrect: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
      correct: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["python", "app.py"]\n',
    },
  },
  create(context) {
    return {
      command(cmd, ins, stage) {
        if (!stage.inFinalImage) return;
        const pm = parsePackageManagerCommand(cmd);
        if (!pm || pm.manager !== 'pip' || pm.action !== 'install') return;
        if (hasFlag(pm, '--no-cache-dir')) return;
        const envValue = pm.environment.get('PIP_NO_CACHE_DIR');
        if (envValue !== undefined && !OFF.has(envValue.toLowerCase())) return;
        if (stageDisablesCache(stage, context.model.stages, ins) || exportedBefore(ins, ins.commands.indexOf(cmd))) return;
        const cacheDir = flagValue(pm, '--cache-dir');
        const mounted = runMounts(ins).some((m) => (m.type === 'cache' || m.type === 'tmpfs') && m.target !== null && isPipCache(m.target, cacheDir));
        if (mounted) return;
        if (removedAfter(ins, cmd, (p) => isPipCache(p, cacheDir))) return;
        if (packageManagerCommandsAfter(ins, cmd).some((later) => later.manager === 'pip' && later.action === 'clean')) return;
        const anchor = pm.subcommandWords[pm.subcommandWords.length - 1];
        const edit = insertFlagAfterSubcommand(pm, '--no-cache-dir');
        context.report({
          range: { start: pm.toolWord.range.start, end: anchor.range.end },
          message: `Add \`--no-cache-dir\` to \`${pm.tool} install\`: otherwise pip leaves its download cache in this layer, adding size and nothing else.`,
          ...(edit ? { fix: { title: 'Add --no-cache-dir', edits: [edit] } } : {}),
        });
      },
    };
  },
});
