import { defineRule } from '../rule.ts';

export default defineRule({
  meta: {
    id: 'prefer-digest',
    title: 'The final image pins its base by digest',
    severity: 'info',
    lesson: '02-pin-base-images',
    related: {},
    why:
      'A version tag can still be re-pushed: publishers rebuild `3.13-slim` for every security fix. A digest (`@sha256:...`) names ' +
      'one exact image, so builds are reproducible and a tampered tag cannot slip in; a bot such as Renovate or Dependabot then ' +
      'proposes the update as a reviewed change.',
    fixable: false,
    examples: {
      incorrect: 'FROM python:3.13-slim\nCMD ["python", "app.py"]\n',
      correct:
        'FROM python:3.13-slim@sha256:4c2cf9917bd1cbacc5e9b07320025bdb7cdf2df7b0ceaccb55e9dd7e30987419\nCMD ["python", "app.py"]\n',
    },
  },
  create(context) {
    return {
      stage(stage) {
        // builder stages do not ship; the advice is for what ends up in the final image
        if (!stage.inFinalImage || stage.baseStage !== undefined || stage.isScratch || stage.base.digest) return;
        if (!stage.base.tag || stage.base.tag.toLowerCase() === 'latest') return; // the error rules speak first
        context.report({
          range: stage.baseRange,
          message: `\`${stage.base.resolved}\` is a tag, which the publisher can re-push. For reproducible builds add its digest: \`${stage.base.resolved}@sha256:<digest>\` (from \`docker buildx imagetools inspect\`).`,
        });
      },
    };
  },
});
