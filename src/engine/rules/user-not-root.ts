import { defineRule } from '../rule.ts';
import { containerProcess, effectiveUser, isWindowsImage, lastInChain, rootImageFacts, rootStage, unwrapCommand } from '../runtime.ts';
import type { BaseImageFacts } from '../data/base-images.ts';

/** Programs that start as root and drop to another user before running the app. */
const PRIVILEGE_DROPPERS = new Set(['gosu', 'su-exec', 's6-setuidgid', 'setpriv', 'runuser', 'chpst']);

function howToAddUser(facts: BaseImageFacts | undefined): string {
  if (facts && !facts.hasShell) return 'This image has no shell to create users in: switch by number, `USER 65532:65532` (or 10001), which needs no /etc/passwd entry.';
  if (facts?.packageManager === 'apk') return 'Create one and switch to it at the end: `RUN adduser -D -u 10001 app` then `USER 10001`.';
  if (facts?.packageManager === 'apt') return 'Create one and switch to it at the end: `RUN useradd --create-home --uid 10001 app` then `USER 10001`.';
  return 'Create one and switch to it at the end: `RUN useradd --create-home --uid 10001 app` (Alpine: `adduser -D -u 10001 app`) then `USER 10001`.';
}

export default defineRule({
  meta: {
    id: 'user-not-root',
    title: 'The final image runs as a non-root user',
    severity: 'error',
    lesson: '12-run-as-non-root',
    related: { hadolint: ['DL3002'] },
    why:
      'A container without a USER runs its process as root (UID 0). If the app is compromised, the attacker is root inside the container: ' +
      'they can rewrite the app, install tools, read every file, and one kernel or runtime bug away from the host they are root there too. ' +
      'Only the image that ships matters: builder stages may run as root. A final stage built on an image that already runs as non-root ' +
      '(nginx-unprivileged, distroless `:nonroot`, Chainguard) is fine without its own USER; an image that starts as root and drops privileges ' +
      'with gosu/su-exec in its ENTRYPOINT is fine too. Unlike hadolint DL3002, a missing USER counts: root is the default.',
    fixable: false,
    examples: {
      incorrect: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY . .\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
      correct:
        'FROM python:3.13-slim\nRUN useradd --create-home --uid 10001 app\nWORKDIR /app\nCOPY . .\nUSER 10001\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        if (!stage.isFinal || isWindowsImage(model, stage)) return;
        // an ENTRYPOINT/CMD that drops privileges itself (gosu app ..., su-exec app ...) is the documented exception
        const dropper = containerProcess(model, stage).commands.some((c) => {
          const u = unwrapCommand(c);
          return [...u.wrappers, u.name].some((n) => PRIVILEGE_DROPPERS.has(n));
        });
        if (dropper) return;
        const facts = rootImageFacts(model, stage);
        const user = effectiveUser(model, stage);
        if (user?.source === 'instruction') {
          if (!user.isRoot || !user.spec || !user.ins) return;
          const written = user.ins.args[0].value;
          context.report({
            range: user.ins.args[0].range,
            stage: user.stage.index,
            message:
              `The image ends running as root (\`USER ${written}\`), so a compromised app has root rights in the container. ` +
              `Keep \`USER root\` only around the steps that need it and end with an unprivileged user. ${howToAddUser(facts)}`,
          });
          return;
        }
        if (user && !user.isRoot) return;
        // a USER whose variables cannot be resolved: unknown, not missing
        if (!user && lastInChain(model, stage, 'USER')) return;
        // no USER: root, unless the base image runs as someone else (unknown images are assumed to be root, like Docker's default)
        const root = rootStage(model, stage);
        const image = root.baseText.includes('$') ? `\`${root.baseText}\` (\`${root.base.resolved}\`)` : `\`${root.baseText}\``;
        const base =
          user?.source === 'scratch' ? 'an empty `scratch` image has no user' : user ? `${image} runs as root` : `${image} runs as root unless its publisher set a USER`;
        context.report({
          range: stage.from.range,
          message: `No USER in the final image: ${base}, so the app runs as root (UID 0). ${howToAddUser(facts)}`,
        });
      },
    };
  },
});
