import { defineRule } from '../rule.ts';
import type { Instruction } from '../model.ts';
import { containerProcess, lastInChain, rootStage } from '../runtime.ts';
import { lookupBaseImage } from '../data/base-images.ts';
import type { Fix } from '../types.ts';

/** Characters that make the shell do something a JSON array would not: expansion, globbing, operators, escapes, comments. */
const SHELL_SYNTAX = /[$`*?[\]{}~#;&|<>()!\\\n]/;

/** The exec form of a plain word list, or undefined when the shell does more than split words. */
function execFormOf(ins: Instruction): string[] | undefined {
  if (ins.commands.length !== 1) return undefined;
  const cmd = ins.commands[0];
  if (cmd.redirects.length > 0 || cmd.assignments.length > 0) return undefined;
  if (SHELL_SYNTAX.test(ins.argumentsText)) return undefined;
  // quotes must only group words: an odd count means the shell sees something else
  if ((ins.argumentsText.match(/"/g)?.length ?? 0) % 2 !== 0 || (ins.argumentsText.match(/'/g)?.length ?? 0) % 2 !== 0) return undefined;
  return [cmd.program, ...cmd.args.map((a) => a.value)];
}

/** `CMD [python, app.py]` or `CMD ['python', 'app.py']`: meant as exec form, but not JSON, so Docker runs it through the shell. */
function brokenJson(ins: Instruction): string[] | undefined {
  const text = ins.argumentsText.trim();
  if (!text.startsWith('[') || !text.endsWith(']')) return undefined;
  const items = text
    .slice(1, -1)
    .split(',')
    .map((s) => s.trim().replace(/^(["'])(.*)\1$/, '$2'));
  if (items.some((s) => s === '' || /["'\\]/.test(s) || SHELL_SYNTAX.test(s))) return undefined;
  return items;
}

export default defineRule({
  meta: {
    id: 'exec-form-cmd',
    title: 'CMD and ENTRYPOINT use the exec (JSON) form',
    severity: 'warning',
    lesson: '17-pid1-signals-logs',
    related: { hadolint: ['DL3025'], buildkit: ['JSONArgsRecommended'] },
    why:
      'In shell form (`CMD gunicorn app:app`) Docker runs `/bin/sh -c "gunicorn app:app"`. Depending on the shell, the shell stays PID 1 ' +
      'and does not pass SIGTERM on, so `docker stop` waits 10 seconds and then kills the app without a graceful shutdown: open requests ' +
      'are cut and buffers are lost. In exec form (`CMD ["gunicorn", "app:app"]`) the app is PID 1 and receives the signal. A shell-form ' +
      'CMD after an exec-form ENTRYPOINT is worse: it reaches the ENTRYPOINT as the arguments `/bin/sh -c ...`. When the shell is needed ' +
      '(variables, `&&`), end with `exec` (`CMD exec gunicorn -b "0.0.0.0:$PORT" app:app`) so the app replaces the shell. Only the CMD and ' +
      'ENTRYPOINT in effect in the final image are judged; the quick fix is offered when the command is a plain list of words.',
    fixable: true,
    examples: {
      incorrect: 'FROM python:3.13-slim\nCMD gunicorn -b 0.0.0.0:8000 app:app\n',
      correct: 'FROM python:3.13-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        if (!stage.isFinal) return;
        const proc = containerProcess(model, stage);
        // a SHELL instruction or a Windows escape character makes the shell's behaviour unknown: warn, but do not rewrite
        const canFixHere = !lastInChain(model, stage, 'SHELL') && model.escapeChar === '\\';
        for (const ins of [proc.entrypoint, proc.cmd]) {
          if (!ins || ins.execForm || !ins.argumentsRange || ins.argumentsText.trim() === '') continue;
          // rewriting a shell-form ENTRYPOINT while a CMD stays in shell form would make that CMD the
          // ENTRYPOINT's arguments `/bin/sh -c ...` (the worse case above): leave that edit to the learner
          const cmdStaysShell = ins === proc.entrypoint && !!proc.cmd && !proc.cmd.execForm && !(brokenJson(proc.cmd) ?? execFormOf(proc.cmd));
          const canFix = canFixHere && !cmdStaysShell;
          const broken = brokenJson(ins);
          if (!broken && ins.argumentsText.trim().startsWith('[')) {
            context.report({
              range: ins.argumentsRange,
              stage: ins.stageIndex,
              message: `This \`${ins.keyword}\` looks like exec form but is not valid JSON, so Docker runs it through /bin/sh as text. Write a JSON array with double quotes.`,
            });
            continue;
          }
          if (broken) {
            const fixed = `[${broken.map((v) => JSON.stringify(v)).join(', ')}]`;
            context.report({
              range: ins.argumentsRange,
              stage: ins.stageIndex,
              message: `This \`${ins.keyword}\` is not valid JSON (exec form needs double quotes), so Docker runs it through /bin/sh as text. Write \`${ins.keyword} ${fixed}\`.`,
              ...(canFix ? { fix: { title: 'Write it as a JSON array', edits: [{ range: ins.argumentsRange, newText: fixed }] } } : {}),
            });
            continue;
          }
          // `... && exec app` replaces the shell with the app: that is the documented way to keep shell features
          const last = ins.commands[ins.commands.length - 1];
          if (last && last.name === 'exec' && last.args.length > 0 && last.after !== '|' && last.before !== '|' && last.before !== '&') continue;
          let words = canFix ? execFormOf(ins) : undefined;
          // an exec-form CMD is the argument list of the base image's ENTRYPOINT (distroless nodejs runs
          // /nodejs/bin/node): drop the program when it is that entrypoint, and offer no rewrite when unsure
          const inherited = ins === proc.cmd && !proc.entrypoint ? lookupBaseImage(rootStage(model, stage).base) : undefined;
          if (words && inherited?.entrypoint && inherited.entrypoint.length > 0) {
            const ep = inherited.entrypoint[inherited.entrypoint.length - 1];
            const base = (w: string) => w.slice(w.lastIndexOf('/') + 1);
            words = inherited.entrypoint.length === 1 && base(words[0]) === base(ep) && words.length > 1 ? words.slice(1) : undefined;
          }
          const afterEntrypoint = ins === proc.cmd && proc.entrypoint?.execForm ? ' With an exec-form ENTRYPOINT it is worse: the CMD reaches it as the arguments `/bin/sh -c ...`.' : '';
          let fix: Fix | undefined;
          let how: string;
          if (words) {
            const json = `[${words.map((w) => JSON.stringify(w)).join(', ')}]`;
            fix = { title: 'Convert to exec form', edits: [{ range: ins.argumentsRange, newText: json }] };
            how = `Use the exec form: \`${ins.keyword} ${json}\`.`;
          } else {
            how = `Use the exec form (\`${ins.keyword} ["app", "arg"]\`), or, if it needs the shell, start the app with \`exec\` so it replaces the shell.`;
          }
          context.report({
            range: ins.argumentsRange,
            stage: ins.stageIndex,
            message: `Shell form runs this under \`/bin/sh -c\`, which may stay PID 1 and not pass SIGTERM on, so \`docker stop\` ends in a kill after 10 s.${afterEntrypoint} ${how}`,
            ...(fix ? { fix } : {}),
          });
        }
      },
    };
  },
});
