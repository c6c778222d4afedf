import { defineRule } from '../rule.ts';
import { effectiveUser, isWindowsImage, lacksShell } from '../runtime.ts';

export default defineRule({
  meta: {
    id: 'high-uid',
    title: 'The final numeric UID is 10000 or higher',
    severity: 'info',
    lesson: '13-arbitrary-and-high-uids',
    related: {},
    why:
      'User namespaces are off by default, so UID 1000 in a container is UID 1000 on the host: usually the first real login, whose files ' +
      'a container process could then read or delete through any mount or escape. UIDs below 1000 are system accounts on most hosts. ' +
      'OpenShift picks UIDs above 10000 for the same reason. Choose 10000 or more (10001 is a common choice) and create the account with ' +
      'that UID. Only a USER written in the Dockerfile is judged; a base image that runs as its own user (nginx-unprivileged is 101) was ' +
      'chosen that way by its publisher.',
    fixable: false,
    examples: {
      incorrect: 'FROM node:22-bookworm-slim\nRUN useradd --uid 1001 app\nUSER 1001\nCMD ["node", "server.js"]\n',
      correct: 'FROM node:22-bookworm-slim\nRUN useradd --uid 10001 app\nUSER 10001\nCMD ["node", "server.js"]\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stageEnd(stage) {
        if (!stage.isFinal || isWindowsImage(model, stage)) return;
        const user = effectiveUser(model, stage);
        if (!user || user.source !== 'instruction' || !user.spec || user.isRoot) return;
        // a named user is numeric-user's finding; only a written number is judged here
        if (!/^\d+$/.test(user.user)) return;
        const uid = Number(user.user);
        if (uid >= 10000) return;
        const kind = uid < 1000 ? 'a system account range on most hosts' : 'the range of regular host logins (1000 is usually the first one)';
        context.report({
          range: user.spec.userRange,
          stage: user.stage.index,
          message:
            `UID ${uid} is in ${kind}; without user namespaces it is the same user on the host. ` +
            (lacksShell(model, stage)
              ? 'Use a UID of 10000 or more, e.g. `USER 10001`: this image has no shell to create an account in, and a numeric USER needs none (hand it its files with `COPY --chown=10001:0`).'
              : 'Use a UID of 10000 or more, e.g. `USER 10001`, and create the account with it (`useradd --uid 10001 app`).'),
        });
      },
    };
  },
});
