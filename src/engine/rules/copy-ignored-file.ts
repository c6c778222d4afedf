import { analyzeBuild, type BuildContext, type ResolvedSource } from '../context.ts';
import type { IgnorePattern } from '../dockerignore.ts';
import { defineRule } from '../rule.ts';

const quote = (s: string) => '`' + s + '`';

/** COPY and ADD flags that take no value (`--link`); the others need `=value`. */
const BOOLEAN_FLAGS = new Set(['link', 'parents', 'keep-git-dir', 'unpack']);

function byPattern(p: IgnorePattern | undefined): string {
  return p ? `by pattern ${quote(p.text)} on line ${p.line + 1} of .dockerignore` : 'by the .dockerignore';
}

/** A file with the same name elsewhere in the context, to point at a likely typo in the path. */
function nearMiss(src: ResolvedSource, ctx: BuildContext): string {
  const name = src.path.slice(src.path.lastIndexOf('/') + 1);
  const candidate = ctx.included.find((f) => f.path.endsWith('/' + name) || f.path === name);
  return candidate ? ` Did you mean ${quote(candidate.path)}?` : '';
}

export default defineRule({
  meta: {
    id: 'copy-ignored-file',
    title: 'COPY and ADD sources are in the build context',
    severity: 'error',
    lesson: '11-dockerignore-and-build-context',
    related: { buildkit: ['CopyIgnoredFile'] },
    why:
      'COPY and ADD read from the build context, which is the directory sent to the builder minus what `.dockerignore` excludes. ' +
      'A source that is excluded, or that is not in the context at all, makes the build fail with "not found", and a wildcard that ' +
      'matches nothing silently copies nothing. Paths are relative to the context root, not to the Dockerfile.',
    fixable: false,
    examples: {
      incorrect: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nCOPY app.py .\n',
      correct: 'FROM python:3.13-slim\nWORKDIR /app\nCOPY requirements.txt .\nCOPY src/app.py .\n',
      context: [
        { path: 'requirements.txt', size: 120 },
        { path: 'src/app.py', size: 2400 },
        { path: '.git/HEAD', size: 23 },
      ],
      dockerignore: { incorrect: '.git\n*.txt\n', correct: '.git\n' },
    },
  },
  create(context) {
    return {
      instruction(ins) {
        if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') return;
        // `--chown app:app`: Docker stops at the flag without its value (dockerfile-syntax says so), and `app:app` is no source
        if (ins.flags.some((f) => f.value === null && !BOOLEAN_FLAGS.has(f.name))) return;
        const analysis = analyzeBuild(context.model, context.input);
        const copy = analysis?.byInstruction.get(ins.index);
        if (!analysis || !copy || copy.from !== null) return;
        const ctx = analysis.context;
        for (const src of copy.resolved) {
          // a source with variables shows what BuildKit looks up: `${APP_DIR}/` (`app/`)
          const it = src.expanded !== src.text ? `${quote(src.text)} (${quote(src.expanded)})` : quote(src.text);
          if (src.status === 'missing') {
            context.report({
              range: src.range,
              message:
                `${it} is not in the build context, so the build fails ("not found"). ` +
                `${ins.keyword} paths are relative to the context root, not to the Dockerfile.${nearMiss(src, ctx)}`,
            });
          } else if (src.status === 'no-match') {
            context.report({
              range: src.range,
              message: `${it} matches no file in the build context, so this ${ins.keyword} copies nothing. Fix the pattern, or remove the source.`,
            });
          } else if (src.status === 'ignored') {
            const first = src.ignored[0];
            const where = byPattern(first?.pattern);
            let message: string;
            if (src.kind === 'glob') {
              message =
                `${it} matches only paths the .dockerignore keeps out of the build context (${quote(first.path)} is excluded ${where}), ` +
                `so this ${ins.keyword} copies nothing. Re-include what the image needs with a \`!\` line after that one, or stop copying it.`;
            } else if (src.directory && ctx.isSent(src.path)) {
              message =
                `Everything in ${it} is excluded ${where}, so this ${ins.keyword} copies an empty directory. ` +
                `Narrow that pattern, or re-include what the image needs with a \`!\` line after it.`;
            } else {
              message =
                `${it} is excluded ${where}, so it is not in the build context and the build fails ("not found"). ` +
                `Remove it from .dockerignore (or add ${quote('!' + src.path)} after that line), or stop copying it.`;
            }
            context.report({ range: src.range, message });
          }
        }
      },
    };
  },
});
