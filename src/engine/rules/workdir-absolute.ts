import { defineRule } from '../rule.ts';
import { absolutePath, rootImageFacts, stageChain, unquote } from '../runtime.ts';
import type { Fix } from '../types.ts';

/** `/app`, and on Windows `C:\app` or `\app`. */
function isAbsolute(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

export default defineRule({
  meta: {
    id: 'workdir-absolute',
    title: 'WORKDIR starts from an absolute path',
    severity: 'warning',
    lesson: '10-layer-order-and-cache',
    related: { hadolint: ['DL3000'], buildkit: ['WorkdirRelativePath'] },
    why:
      'A relative `WORKDIR app` is joined to the working directory the stage already has, and before the Dockerfile sets one that is ' +
      'the base image\'s: `/` in `python:3.13-slim`, `/usr/local/apache2` in `httpd`, `/go` in `golang`, `/home/nonroot` in distroless ' +
      '`:nonroot`. When the publisher changes it, or you change the base, every later `COPY`, `RUN` and `CMD` quietly runs somewhere ' +
      'else. Only the first WORKDIR of a stage and of the stages it is built `FROM` matters: once an absolute one is set, relative ' +
      'ones below it are relative to a directory you chose. The quick fix writes the absolute path the line means today, when the base ' +
      'image\'s working directory is known.',
    fixable: true,
    examples: {
      incorrect: 'FROM nginx:1.27-alpine\nWORKDIR usr/share/nginx/html\nCOPY public/ .\n',
      correct: 'FROM nginx:1.27-alpine\nWORKDIR /usr/share/nginx/html\nCOPY public/ .\n',
    },
  },
  create(context) {
    const { model } = context;
    return {
      stage(stage) {
        // BuildKit checks the first WORKDIR of the chain: a stage built FROM one that set a WORKDIR inherits the decision
        const chain = stageChain(model, stage);
        for (const s of chain) if (s !== stage && s.instructions.some((i) => i.keyword === 'WORKDIR')) return;
        const ins = stage.instructions.find((i) => i.keyword === 'WORKDIR');
        if (!ins || !ins.argumentsRange || ins.args.length === 0) return;
        const written = ins.argumentsText.trim();
        // a path that starts with a variable is judged by undefined-variable and by what the variable holds, not here
        const path = written.replace(/^(["'])(.*)\1$/, '$2');
        if (path === '' || path.startsWith('$') || isAbsolute(path) || (model.escapeChar === '\\' && isAbsolute(unquote(path)))) return;
        const facts = rootImageFacts(model, chain[0]);
        const baseDir = facts && !facts.unknownConfig?.includes('workdir') ? facts.workdir || '/' : undefined;
        const today = baseDir !== undefined && !written.includes('$') && !/[\s"'\\`]/.test(path) ? absolutePath(path, baseDir) : undefined;
        const fix: Fix | undefined = today ? { title: `Write the absolute path ${today}`, edits: [{ range: ins.argumentsRange, newText: today }] } : undefined;
        context.report({
          range: ins.argumentsRange,
          message:
            `\`WORKDIR ${written}\` is relative to the base image's working directory` +
            (baseDir !== undefined ? ` (\`${baseDir}\` in this base today)` : ', which this Dockerfile does not set') +
            `, so it moves when the base image changes. Write the absolute path${today ? `: \`WORKDIR ${today}\`` : ''}.`,
          ...(fix ? { fix } : {}),
        });
      },
    };
  },
});
