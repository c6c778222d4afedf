import { analyzeBuild, countOf, formatBytes } from '../context.ts';
import { defineRule } from '../rule.ts';

/** Things people are glad to learn they were sending, by the path prefix that shows them. */
const NOTABLE: { label: string; test: (path: string) => boolean }[] = [
  { label: '.git', test: (p) => p.startsWith('.git/') },
  { label: 'node_modules', test: (p) => p === 'node_modules' || p.startsWith('node_modules/') || p.includes('/node_modules/') },
  { label: '.env', test: (p) => p === '.env' || p.endsWith('/.env') },
];

export default defineRule({
  meta: {
    id: 'dockerignore-present',
    title: 'The build context has a .dockerignore',
    severity: 'warning',
    lesson: '11-dockerignore-and-build-context',
    related: {},
    why:
      'Without a .dockerignore, `docker build` offers the builder everything in the directory: the `.git` history, `node_modules`, ' +
      'local `.env` files, logs and build output. Builds get slower, the cache breaks whenever an unrelated file changes, and ' +
      '`COPY . .` bakes all of it, secrets included, into the image.',
    fixable: false,
    examples: {
      incorrect: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      correct: 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n',
      context: [
        { path: 'server.js', size: 1200 },
        { path: 'package.json', size: 400 },
        { path: 'node_modules/express/index.js', size: 90000 },
        { path: '.git/HEAD', size: 23 },
      ],
      dockerignore: { correct: '.git\nnode_modules\n' },
    },
  },
  create(context) {
    return {
      end() {
        const { input, model } = context;
        if (input.dockerignore !== undefined) return;
        const analysis = analyzeBuild(model, input);
        if (!analysis) return;
        const { files, includedSize } = analysis.context;
        const notable = NOTABLE.filter((n) => files.some((f) => n.test(f.path))).map((n) => `\`${n.label}\``);
        const including = notable.length > 0 ? `, including ${notable.join(' and ').replace(/ and (?=.* and )/g, ', ')}` : '';
        const example = notable.length > 0 ? ` (${notable.join(', ')} for a start)` : '';
        context.report({
          range: { start: { line: 0, character: 0 }, end: { line: 0, character: model.doc.lineText(0).length } },
          message:
            `There is no .dockerignore, so the build context is the whole directory: ${countOf(files.length, 'file')}, ${formatBytes(includedSize)}${including}. ` +
            `Add a .dockerignore next to the Dockerfile that lists what the image does not need${example}.`,
        });
      },
    };
  },
});
