import { defineRule } from '../rule.ts';
import type { Instruction } from '../model.ts';

/** hadolint's threshold: a RUN with more commands than this was split on purpose. */
const MAX_COMMANDS = 2;

/** A RUN that could be joined with a neighbour: shell form, no flags, no heredoc, a short command list. */
function mergeable(ins: Instruction): boolean {
  return (
    ins.keyword === 'RUN' &&
    ins.flags.length === 0 &&
    ins.execForm === null &&
    ins.heredocs.length === 0 &&
    ins.commands.length > 0 &&
    ins.commands.length <= MAX_COMMANDS
  );
}

export default defineRule({
  meta: {
    id: 'consecutive-run',
    title: 'Consecutive RUN instructions are merged',
    severity: 'info',
    lesson: '09-one-run-per-step',
    related: { hadolint: ['DL3059'] },
    why:
      'Every RUN adds a layer. Two short RUNs in a row (`RUN useradd app` then `RUN mkdir /data`) cost an extra layer and ' +
      'an extra cache entry for no benefit; joined with `&&` they are one step that succeeds or fails as a whole. Merging is ' +
      'not always right, though: a slow dependency install kept in its own RUN stays cached while you iterate on the next ' +
      'step, and a RUN with different `--mount`, `--network` or `--security` flags cannot be joined. Like hadolint, only truly ' +
      'consecutive RUNs (comments between them are fine) without flags or heredocs, with at most two commands each, are ' +
      'reported, and only in stages that end up in the final image. There is no quick fix: joining can change the working ' +
      'directory or the variables the second command sees.',
    fixable: false,
    examples: {
      incorrect: 'FROM python:3.13-slim\nRUN useradd --uid 10001 --create-home app\nRUN mkdir -p /data && chown app /data\nUSER 10001\n',
      correct: 'FROM python:3.13-slim\nRUN useradd --uid 10001 --create-home app \\\n && mkdir -p /data && chown app /data\nUSER 10001\n',
    },
  },
  create(context) {
    let previous: Instruction | undefined;
    return {
      stage() {
        previous = undefined;
      },
      instruction(ins, stage) {
        const before = previous;
        previous = ins;
        if (!stage?.inFinalImage || !before || !mergeable(ins) || !mergeable(before)) return;
        context.report({
          range: ins.keywordRange,
          message: `This RUN directly follows the RUN on line ${before.range.start.line + 1}: join them with \`&&\` into one layer, unless keeping a slow, stable step cached on its own is the point.`,
        });
      },
    };
  },
});
