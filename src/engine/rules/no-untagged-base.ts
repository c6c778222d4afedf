import { defineRule } from '../rule.ts';

export default defineRule({
  meta: {
    id: 'no-untagged-base',
    title: 'Base images name a tag or a digest',
    severity: 'error',
    lesson: '02-pin-base-images',
    related: { hadolint: ['DL3006'] },
    why:
      'A FROM without a tag silently means `:latest`, whatever the registry points that at on the day of the build. ' +
      'Two builds of the same Dockerfile can then ship different operating systems and runtimes, and nobody chose the change.',
    fixable: false,
    examples: {
      incorrect: 'FROM python\nCMD ["python", "app.py"]\n',
      correct: 'FROM python:3.13-slim\nCMD ["python", "app.py"]\n',
    },
  },
  create(context) {
    return {
      stage(stage) {
        if (stage.baseStage !== undefined || stage.isScratch || stage.baseText === '') return;
        // an unresolved variable is another rule's business (undefined ARG); judge what resolves
        if (stage.undefinedBaseVariables.length > 0 || stage.emptyBaseVariables.length > 0) return;
        const { tag, digest, path } = stage.base;
        if (tag || digest || path === '') return;
        const how = stage.baseText.includes('$')
          ? `\`${stage.baseText}\` resolves to \`${stage.base.resolved}\`, which has no tag`
          : `\`${stage.baseText}\` has no tag`;
        context.report({
          range: stage.baseRange,
          message: `${how}, so it means whatever \`latest\` is on build day. Name a version tag, e.g. \`${path}:<version>\`, or a digest.`,
        });
      },
    };
  },
});
