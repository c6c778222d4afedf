import { defineRule } from '../rule.ts';
import type { DockerfileModel, Instruction } from '../model.ts';
import type { Range } from '../types.ts';

/** Instructions an image holds once: a later one replaces the earlier one. */
const ONCE = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK']);

/** The lines of an instruction, from the start of its first line to the start of the line after it. */
export function wholeLines(model: DockerfileModel, ins: Instruction): Range {
  const { doc } = model;
  const start = doc.offsetAt({ line: ins.range.start.line, character: 0 });
  const next = ins.range.end.line + 1;
  const end = next < doc.lineCount ? doc.offsetAt({ line: next, character: 0 }) : doc.text.length;
  return doc.range(start, end);
}

export default defineRule({
  meta: {
    id: 'single-cmd-entrypoint',
    title: 'One CMD, ENTRYPOINT and HEALTHCHECK per stage',
    severity: 'warning',
    lesson: '17-pid1-signals-logs',
    related: { hadolint: ['DL4003', 'DL4004', 'DL3012'], buildkit: ['MultipleInstructionsDisallowed'] },
    why:
      'An image has one command, one entrypoint and one health check. When a stage sets one of them twice, the later line replaces the ' +
      'earlier one without a word: the first `CMD` never runs, however convincing it looks. The dead line is usually left over from ' +
      'debugging (`CMD ["sleep", "infinity"]`, an inspector port) or from a merge, and it misleads every reader; delete it, and it ' +
      'comes back the day someone removes the last one. Only instructions in the same stage are compared: a stage built `FROM` another ' +
      'may set its own `CMD` on purpose. The quick fix deletes the lines that have no effect, which leaves the image as it is.',
    fixable: true,
    examples: {
      incorrect:
        'FROM node:24-bookworm-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "--inspect=0.0.0.0:9229", "worker.js"]\nUSER node\nCMD ["node", "worker.js"]\n',
      correct: 'FROM node:24-bookworm-slim\nWORKDIR /app\nCOPY . .\nUSER node\nCMD ["node", "worker.js"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        const last = new Map<string, Instruction>();
        for (const ins of stage.instructions) if (ONCE.has(ins.keyword)) last.set(ins.keyword, ins);
        if (last.size === 0) return;
        for (const ins of stage.instructions) {
          const winner = last.get(ins.keyword);
          if (!winner || winner === ins) continue;
          const written = model.doc.rangeText(winner.keywordRange);
          context.report({
            range: ins.range,
            message:
              `Only the last ${ins.keyword} of a stage takes effect, so this one is replaced by the ${written} on line ${winner.range.start.line + 1} ` +
              'and never runs. Delete it, or merge what it was for into the one that counts.',
            fix: { title: `Delete the ${ins.keyword} that has no effect`, edits: [{ range: wholeLines(model, ins), newText: '' }] },
          });
        }
      },
    };
  },
});
