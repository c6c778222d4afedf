import { defineRule } from '../rule.ts';
import { effectiveUser, isWindowsImage, lacksShell, rootImageFacts } from '../runtime.ts';

export default defineRule({
  meta: {
    id: 'numeric-user',
    title: 'The final USER is a numeric UID',
    severity: 'warning',
    lesson: '13-arbitrary-and-high-uids',
    related: {},
    why:
      "Kubernetes' `runAsNonRoot: true` checks the image's user before starting it, and it can only verify a number: with `USER app` " +
      'the kubelet cannot know whether `app` is UID 0 and refuses to start the pod ("image has non-numeric user"). A numeric USER ' +
      '(`USER 10001`, or `USER 10001:0` with group 0 for OpenShift) passes the check, and needs no /etc/passwd lookup. Create the ' +
      'account with the same fixed UID (`useradd --uid 10001 app`) so files and tools still show a name; in an image without a shell ' +
      '(scratch, distroless) nothing can run useradd, and the number needs no account: `USER 65532` or `USER 10001`.',
    fixable: true,
    examples: {
      incorrect: 'FROM python:3.13-slim\nRUN useradd --create-home --uid 10001 app\nUSER app\nCMD ["python", "app.py"]\n',
      correct: 'FROM python:3.13-slim\nRUN useradd --create-home --uid 10001 app\nUSER 10001\nCMD ["python", "app.py"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        if (!stage.isFinal || isWindowsImage(model, stage)) return;
        const user = effectiveUser(model, stage);
        // root is user-not-root's finding; an unresolved USER is unknown
        if (!user || user.isRoot || /^\d+$/.test(user.user)) return;
        if (user.source === 'image') {
          context.report({
            range: stage.baseRange,
            message:
              `\`${stage.baseText}\` runs as the named user \`${user.user}\`, which Kubernetes' runAsNonRoot cannot verify. ` +
              `Add \`USER ${user.uid ?? 10001}\` to the final stage so the image states a numeric UID.`,
          });
          return;
        }
        if (!user.ins || !user.spec) return;
        // the user's UID is known when the Dockerfile (or the base image) creates it with a fixed one: then the fix is mechanical
        const uid = user.uid;
        const written = user.ins.args[0].value;
        const userText = written.slice(0, written.indexOf(':') < 0 ? written.length : written.indexOf(':'));
        // only a literal user name is replaced; `${APP_USER}` stays as the author wrote it
        const fix =
          uid !== undefined && !userText.includes('$')
            ? { title: `Use the numeric UID ${uid}`, edits: [{ range: user.spec.userRange, newText: String(uid) }] }
            : undefined;
        const group = user.spec.group !== undefined ? `:${user.spec.group}` : '';
        // without a shell nothing can run useradd: a numeric USER needs no account at all
        const noShell = lacksShell(model, stage);
        const nonroot = rootImageFacts(model, stage)?.users?.nonroot;
        const how =
          uid !== undefined
            ? `Write \`USER ${uid}${group}\` (${user.user}'s UID).`
            : noShell
              ? `This image has no shell to create accounts in, and a numeric USER needs none: write ${nonroot !== undefined ? `\`USER ${nonroot}${group}\` (the image's nonroot account) or another fixed UID such as ` : 'a fixed UID such as '}\`USER 10001${group}\`, and hand it its files with \`COPY --chown=<UID>:0\`.`
              : `Give the account a fixed UID (\`useradd --uid 10001 ${user.user}\`) and write \`USER 10001\`.`;
        context.report({
          range: user.spec.userRange,
          stage: user.stage.index,
          message: `\`USER ${written}\` names the user, so Kubernetes' runAsNonRoot cannot verify it is not root and refuses to start the pod. ${how}`,
          ...(fix ? { fix } : {}),
        });
      },
    };
  },
});
