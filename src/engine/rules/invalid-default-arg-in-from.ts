import { defineRule } from '../rule.ts';

const ALNUM = '[a-z0-9]+';
const PATH_COMPONENT = `${ALNUM}(?:(?:[._]|__|-+)${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::${TAG})?(?:@${DIGEST})?$`);

/** The grammar of distribution/reference, which BuildKit's check applies: lower-case path, valid tag and digest. */
export function isValidImageReference(ref: string): boolean {
  const name = ref.split(/[:@]/)[0];
  return ref !== '' && name.length <= 255 && REFERENCE.test(ref);
}

export default defineRule({
  meta: {
    id: 'invalid-default-arg-in-from',
    title: 'ARG defaults make a valid FROM',
    severity: 'error',
    lesson: '02-pin-base-images',
    related: { buildkit: ['InvalidDefaultArgInFrom'] },
    why:
      'A build should work with no `--build-arg` at all. When an ARG used in FROM has no default (or an empty one), a plain ' +
      '`docker build` expands `FROM busybox:${TAG}` to `busybox:`, which is no image reference, and the build fails for the ' +
      'next person or CI job that did not know the flag. An empty value is fine when the reference stays valid without it ' +
      '(`FROM node:22${VARIANT}`); `${TAG:-3.21}` gives a fallback in place.',
    fixable: false,
    examples: {
      incorrect:
        'ARG NODE_VERSION\nFROM node:${NODE_VERSION}-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
      correct:
        'ARG NODE_VERSION=22\nFROM node:${NODE_VERSION}-bookworm-slim\nWORKDIR /app\nCOPY . .\nRUN npm ci --omit=dev\nCMD ["node", "server.js"]\n',
    },
  },
  create(context) {
    return {
      stage(stage) {
        if (stage.emptyBaseVariables.length === 0) return;
        // undefined variables are undefined-arg-in-from's finding
        if (stage.undefinedBaseVariables.length > 0) return;
        if (isValidImageReference(stage.base.resolved)) return;
        const names = stage.emptyBaseVariables;
        const args = names.map((n) => `\`ARG ${n}\``).join(', ');
        const example = names[0];
        context.report({
          range: stage.baseRange,
          message:
            `${args} ${names.length === 1 ? 'has' : 'have'} no default, so without \`--build-arg ${example}=...\` this FROM becomes ` +
            `\`${stage.base.resolved}\`${stage.base.resolved === '' ? ' (nothing)' : ''}, which is not a valid image reference. ` +
            `Give ${names.length === 1 ? 'it' : 'them'} a default (\`ARG ${example}=<value>\`) or write \`\${${example}:-<value>}\` in the FROM.`,
        });
      },
    };
  },
});
