import { analyzeBuild, copyInstructions, type CopySource } from '../context.ts';
import { secretFileKind, type SecretFileKind } from '../data/secret-files.ts';
import type { Stage } from '../model.ts';
import { defineRule } from '../rule.ts';

const quote = (s: string) => '`' + s + '`';

function stageNote(stage: Stage): string {
  return stage.inFinalImage
    ? ''
    : ' This stage is not the shipped image, but the file stays in its layers and in the build cache (which CI often pushes to a registry).';
}

/** The file name a wildcard source aims at, read literally: `*.pem` aims at `.pem` files. */
function globTarget(src: CopySource): string {
  // a class holds no `[`: with `[^\]]*` a long run of `[` backtracked quadratically
  return src.path.replace(/[*?]|\[[^\][]*\]/g, '');
}

export default defineRule({
  meta: {
    id: 'no-secret-files',
    title: 'No secret files are copied into the image',
    severity: 'error',
    lesson: '14-no-secrets-in-images',
    related: {},
    why:
      'Whatever COPY or ADD puts in a layer stays in the image for good: deleting it in a later step only hides it, and anyone ' +
      'who can pull the image can read every layer. `.env` files, private keys, `.npmrc` tokens and cloud credentials must reach ' +
      'the build through `RUN --mount=type=secret` (or `--mount=type=ssh`), never through the context, and the .dockerignore ' +
      'should keep them out so that `COPY . .` cannot pick them up.',
    fixable: false,
    examples: {
      incorrect: 'FROM node:22-slim\nWORKDIR /app\nCOPY .npmrc package.json package-lock.json ./\nRUN npm ci\n',
      correct:
        'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n',
    },
  },
  create(context) {
    return {
      instruction(ins, stage) {
        if ((ins.keyword !== 'COPY' && ins.keyword !== 'ADD') || !stage) return;
        const copy = copyInstructions(context.model).find((c) => c.instruction === ins);
        if (!copy || copy.from !== null) return;
        const analysis = analyzeBuild(context.model, context.input);
        const resolved = analysis?.byInstruction.get(ins.index)?.resolved;
        const ctx = analysis?.context;

        copy.sources.forEach((src, i) => {
          if (src.kind !== 'path' && src.kind !== 'glob') return;
          const written = src.expanded !== src.text ? `${quote(src.text)} (${quote(src.expanded)})` : quote(src.text);
          // a named file (or, with the project unknown, a named directory or wildcard)
          let explicit: SecretFileKind | undefined;
          if (src.kind === 'path' && !(ctx && ctx.isDirectory(src.path))) explicit = secretFileKind(src.path, ctx?.file(src.path)?.content);
          else if (!ctx) explicit = secretFileKind(src.kind === 'glob' ? globTarget(src) : src.path);
          if (explicit) {
            context.report({
              range: src.range,
              message:
                `${written} is ${explicit.what}: ${ins.keyword} bakes it into an image layer, where anyone who can pull the image can read it, ` +
                `even if a later step deletes it. Do not copy it: ${explicit.instead}. Keep it out of the build context with .dockerignore.${stageNote(stage)}`,
            });
            return;
          }
          // a directory or wildcard: name the secret files it would take along
          const files = resolved?.[i]?.files ?? [];
          const secrets = files.flatMap((f) => {
            const kind = secretFileKind(f.path, f.content);
            return kind ? [{ path: f.path, kind }] : [];
          });
          if (secrets.length === 0) return;
          const named = secrets.slice(0, 3).map((s) => `${quote(s.path)} (${s.kind.what})`).join(', ') + (secrets.length > 3 ? `, and ${secrets.length - 3} more` : '');
          const entries = secrets.slice(0, 3).map((s) => quote(s.path)).join(', ');
          context.report({
            range: src.range,
            message:
              `This ${ins.keyword} puts secret files from ${written} into the image: ${named}. ` +
              `Add them to .dockerignore (${entries}) so the build never receives them, and pass secrets with \`RUN --mount=type=secret\` instead.${stageNote(stage)}`,
          });
        });
      },
    };
  },
});
