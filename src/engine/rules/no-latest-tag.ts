import { defineRule } from '../rule.ts';

export default defineRule({
  meta: {
    id: 'no-latest-tag',
    title: 'Base images do not use the `latest` tag',
    severity: 'error',
    lesson: '02-pin-base-images',
    related: { hadolint: ['DL3007'] },
    why:
      '`latest` is only a name that the publisher moves to each new release. A build that worked yesterday can pull a new major ' +
      'version today, break, or ship a different set of packages than the one that was tested and scanned.',
    fixable: false,
    examples: {
      incorrect: 'FROM node:latest\nCMD ["node", "server.js"]\n',
      correct: 'FROM node:22.11-bookworm-slim\nCMD ["node", "server.js"]\n',
    },
  },
  create(context) {
    return {
      stage(stage) {
        if (stage.baseStage !== undefined || stage.isScratch) return;
        if (stage.base.tag?.toLowerCase() !== 'latest') return;
        // with a digest, the digest is what gets pulled; the tag is only a label
        if (stage.base.digest) return;
        const via = stage.baseText.includes('$') ? ` (\`${stage.baseText}\` resolves to \`${stage.base.resolved}\`)` : '';
        context.report({
          range: stage.baseRange,
          message: `\`latest\` moves with every release${via}. Pin a version tag such as \`${stage.base.path}:<version>\`, or add a digest.`,
        });
      },
    };
  },
});
