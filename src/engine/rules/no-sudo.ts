import { defineRule } from '../rule.ts';
import { effectiveUser, instructionCommands, unwrapCommand } from '../runtime.ts';
import type { ShellCommand } from '../shell.ts';
import type { TextEdit } from '../types.ts';

/** sudo options that only tune how sudo runs the command as root; anything else (-u, -g, -i, -s) changes what runs. */
const HARMLESS_OPTIONS = /^(?:-[EHnSkP]+|--preserve-env(?:=.*)?|--non-interactive|--set-home|--stdin|--reset-timestamp)$/;

/** Package managers whose install subcommand is `install` (apk's is `add`; zypper also takes `in`). */
const INSTALLS_WITH_INSTALL = new Set(['apt-get', 'apt', 'aptitude', 'dnf', 'yum', 'microdnf', 'tdnf']);

const asWhoOf = (root: boolean | undefined) =>
  root ? 'This step already runs as root, so sudo only adds a dependency on sudo' : 'sudo needs sudo installed and a sudoers rule, and may prompt for a password';

/** Package installs that put sudo into an image. */
function installsSudo(cmd: ShellCommand): ShellCommand['args'][number] | undefined {
  const n = cmd.name;
  const apk = n === 'apk';
  const zypper = n === 'zypper';
  // the manager first: most commands run none, and their words need not be read
  if (!apk && !zypper && !INSTALLS_WITH_INSTALL.has(n)) return undefined;
  const sub = cmd.args.find((a) => !a.value.startsWith('-'))?.value;
  const installs = apk ? sub === 'add' : zypper ? sub === 'install' || sub === 'in' : sub === 'install';
  if (!installs) return undefined;
  return cmd.args.find((a) => /^sudo(?:[=~<>].*)?$/.test(a.value));
}

export default defineRule({
  meta: {
    id: 'no-sudo',
    title: 'No sudo in RUN steps or in the final image',
    severity: 'error',
    lesson: '12-run-as-non-root',
    related: { hadolint: ['DL3004'] },
    why:
      'RUN steps already run as the current USER, and a Dockerfile switches user with USER. sudo in a build step needs sudo installed ' +
      'and a sudoers rule, can stop and ask for a password, and resets the environment, so the step behaves differently from what it reads. ' +
      'In the shipped image, sudo is worse: it is a ready-made way for a compromised non-root app to become root again. ' +
      'Run privileged steps as root before `USER`, or wrap them in `USER root` ... `USER app`, and leave sudo out of the final image.',
    fixable: true,
    examples: {
      incorrect: 'FROM debian:12-slim\nRUN sudo apt-get update && sudo apt-get install -y --no-install-recommends curl\nRUN useradd --uid 10001 app\nUSER 10001\n',
      correct:
        'FROM debian:12-slim\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN useradd --uid 10001 app\nUSER 10001\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      instruction(ins, stage) {
        if (!stage || ins.keyword !== 'RUN') return;
        const commands = instructionCommands(ins, model.doc);
        for (const cmd of commands) {
          if (stage.inFinalImage) {
            const pkg = installsSudo(cmd);
            if (pkg) {
              context.report({
                range: pkg.range,
                message:
                  'This installs sudo into the image that ships, which lets a compromised non-root process become root again. ' +
                  'Drop it: do the privileged steps as root before `USER`, or between `USER root` and `USER app`.',
              });
            }
          }
          if (cmd.name !== 'sudo') {
            // sudo behind another wrapper (`env FOO=1 sudo ...`, `exec sudo ...`) is sudo all the same
            const inner = unwrapCommand(cmd);
            const behind = inner.wrappers.length > 0 && inner.program.value.slice(inner.program.value.lastIndexOf('/') + 1) === 'sudo' ? inner.program : undefined;
            if (behind) {
              const asWho = asWhoOf(effectiveUser(model, stage, ins)?.isRoot);
              context.report({ range: behind.range, message: `${asWho}. Run this step as root before \`USER\`, or wrap it in \`USER root\` ... \`USER app\`, instead of sudo.` });
            }
            continue;
          }
          const user = effectiveUser(model, stage, ins);
          const asWho = asWhoOf(user?.isRoot);
          let fix: { title: string; edits: TextEdit[] } | undefined;
          // removing sudo is safe only when the step already runs as root and sudo runs the command as root too
          let k = 0;
          while (k < cmd.args.length && HARMLESS_OPTIONS.test(cmd.args[k].value)) k++;
          if (cmd.args[k]?.value === '--') k++;
          const target = cmd.args[k];
          if (user?.isRoot && target && !target.value.startsWith('-') && !ins.execForm) {
            fix = { title: 'Remove sudo (the step runs as root)', edits: [{ range: { start: cmd.programRange.start, end: target.range.start }, newText: '' }] };
          }
          context.report({
            range: cmd.programRange,
            message: `${asWho}. Run this step as root before \`USER\`, or wrap it in \`USER root\` ... \`USER app\`, instead of sudo.`,
            ...(fix ? { fix } : {}),
          });
        }
      },
    };
  },
});
