import { defineRule } from '../rule.ts';
import { rootStage } from '../runtime.ts';
import { lookupBaseImage } from '../data/base-images.ts';
import { fullVariantOf } from '../data/image-variants.ts';
import { parseImageReference } from '../image-ref.ts';

export default defineRule({
  meta: {
    id: 'minimal-final-base',
    title: 'The final image is built on a minimal base',
    severity: 'warning',
    lesson: '03-minimal-base-images',
    related: {},
    why:
      'Every package in the shipped image is something to patch, something a scanner reports and something an attacker can ' +
      'use after getting in: the full `python` or `node` images carry compilers, headers, git and a whole Debian userland ' +
      '(about 1 GB unpacked) that the application never calls at run time. Slim, alpine, distroless and scratch bases keep ' +
      'only what the program needs, so pulls are faster and scan reports shorter. Only the final image is judged: a builder ' +
      'stage may use the full image and hand its output over with `COPY --from`. Images Shipshape does not know are left alone.',
    fixable: false,
    examples: {
      incorrect:
        'FROM node:22-bookworm\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
      correct:
        'FROM node:22-bookworm-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\nUSER node\nCMD ["node", "server.js"]\n',
    },
  },
  create(context) {
    return {
      end() {
        const final = context.model.finalStage;
        if (!final) return;
        const root = rootStage(context.model, final);
        if (root.isScratch || root.baseStage !== undefined || root.baseText === '') return;
        if (root.undefinedBaseVariables.length > 0 || root.emptyBaseVariables.length > 0) return;
        const ref = root.base;
        const facts = lookupBaseImage(ref);
        const variant = fullVariantOf(ref);
        // known facts win; without them only the recognised full variants are judged
        if (facts ? facts.minimal : !variant) return;
        const suggestion = variant?.suggest(ref.tag);
        const suggestionFacts = suggestion ? lookupBaseImage(parseImageReference(suggestion.image)) : undefined;
        const size = facts ? `about ${facts.sizeMB} MB compressed` : variant?.size;
        const what = variant ? variant.what : `${facts?.label ?? 'an image'}, which is not a minimal variant`;
        const instead = suggestion
          ? `Use \`${suggestion.image}\`${suggestionFacts ? ` (about ${suggestionFacts.sizeMB} MB)` : ''}${suggestion.note ? ` ${suggestion.note}` : ''}`
          : 'Use a slim, alpine or distroless variant of it';
        const via = root !== final ? ` (through stage \`${final.name ?? final.index}\`)` : '';
        context.report({
          range: root.baseRange,
          stage: root.index,
          message:
            `The final image${via} is based on \`${ref.resolved}\`, ${what}${size ? `, ${size}` : ''}. ${instead}, and keep ` +
            'build tools in a builder stage.',
        });
      },
    };
  },
});
