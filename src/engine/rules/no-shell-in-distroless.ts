import { defineRule } from '../rule.ts';
import { rootStage } from '../runtime.ts';
import { lookupBaseImage } from '../data/base-images.ts';
import { entrypointByName, lacksShellByName } from '../data/image-variants.ts';
import type { DockerfileModel, Instruction, Stage } from '../model.ts';
import type { Fix, Range } from '../types.ts';

/** Characters that need a shell to mean what they say: operators, expansions, globs, redirections, comments. */
const NEEDS_SHELL = /[$`*?[\]~;&|<>(){}#\\\n]/;

/** The words of a shell-form CMD/ENTRYPOINT when it is a plain word list a shell adds nothing to. */
function plainWords(ins: Instruction): string[] | undefined {
  if (ins.keyword !== 'CMD' && ins.keyword !== 'ENTRYPOINT') return undefined;
  if (!ins.argumentsRange || ins.commands.length !== 1) return undefined;
  const cmd = ins.commands[0];
  if (cmd.assignments.length > 0 || cmd.redirects.length > 0 || cmd.before || cmd.after) return undefined;
  if (NEEDS_SHELL.test(ins.argumentsText)) return undefined;
  return [cmd.program, ...cmd.args.map((a) => a.value)];
}

/** `/usr/bin/python3.11` and `python` name the same runtime. */
function sameProgram(a: string, b: string): boolean {
  const stem = (p: string) => /^[a-z]+/i.exec(p.slice(p.lastIndexOf('/') + 1))?.[0] ?? p;
  return stem(a) === stem(b);
}

/**
 * Exec form for a shell-form CMD/ENTRYPOINT. A CMD is the argument list of the ENTRYPOINT in
 * force: with the image's own runtime entrypoint (distroless `nodejs`: `/nodejs/bin/node`) the
 * leading `node` is dropped; when the entrypoint is unknown there is no safe fix.
 */
function execFormFix(ins: Instruction, entrypoint: string[] | undefined): Fix | undefined {
  const words = plainWords(ins);
  if (!words || !ins.argumentsRange) return undefined;
  let exec = words;
  if (ins.keyword === 'CMD') {
    if (entrypoint === undefined) return undefined;
    if (entrypoint.length > 0) {
      const [program, ...rest] = entrypoint;
      if (!sameProgram(words[0], program) || rest.some((r, i) => words[i + 1] !== r)) return undefined;
      exec = words.slice(entrypoint.length);
      if (exec.length === 0) return undefined;
    }
  }
  return {
    title: `Convert ${ins.keyword} to exec form`,
    edits: [{ range: ins.argumentsRange, newText: `[${exec.map((w) => JSON.stringify(w)).join(', ')}]` }],
  };
}

/** From the keyword to the end of the instruction's first line (without a trailing line continuation). */
function headRange(model: DockerfileModel, ins: Instruction): Range {
  const start = ins.keywordRange.start;
  if (ins.range.end.line === start.line) return { start, end: ins.range.end };
  const line = model.doc.lineText(start.line);
  let end = line.length;
  while (end > start.character && /\s/.test(line[end - 1])) end--;
  if (end > start.character && line[end - 1] === model.escapeChar) end--;
  while (end > start.character && /\s/.test(line[end - 1])) end--;
  return { start, end: { line: start.line, character: end } };
}

function isShellForm(ins: Instruction): boolean {
  if (ins.execForm) return false;
  if (ins.keyword === 'RUN') return ins.argumentsText.trim() !== '';
  if (ins.keyword === 'CMD' || ins.keyword === 'ENTRYPOINT') return ins.argumentsText.trim() !== '';
  // HEALTHCHECK NONE runs nothing; HEALTHCHECK [options] CMD <command> is what runs
  if (ins.keyword === 'HEALTHCHECK') return /(?:^|\s)CMD\s+\S/i.test(ins.argumentsText);
  return false;
}

export default defineRule({
  meta: {
    id: 'no-shell-in-distroless',
    title: 'Images without a shell use exec form everywhere',
    severity: 'error',
    lesson: '18-distroless-and-scratch',
    related: {},
    why:
      'Shell form (`CMD node server.js`) means `/bin/sh -c "node server.js"`. Distroless, scratch, Chainguard static and ' +
      '.NET chiseled images have no `/bin/sh`, which is much of their point: a shell-form RUN fails the build, a shell-form ' +
      'CMD or ENTRYPOINT stops the container from starting, and a shell-form HEALTHCHECK marks it unhealthy for ever. Exec ' +
      'form (`CMD ["node", "server.js"]`) runs the program directly; exec form that names `/bin/sh` fails the same way. ' +
      'Work that needs a shell belongs in a builder stage. Distroless `:debug` images carry busybox at `/busybox/sh`, ' +
      'which shell form only uses after `SHELL ["/busybox/sh", "-c"]`. ' +
      'A stage that copies a shell in and sets it with SHELL is rare and not modelled: after a SHELL instruction the rule ' +
      'stays silent.',
    fixable: true,
    examples: {
      incorrect:
        'FROM node:22-bookworm-slim AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\n\n' +
        'FROM gcr.io/distroless/nodejs22-debian12:nonroot\nWORKDIR /app\nCOPY --from=build /app /app\nCMD node server.js\n',
      correct:
        'FROM node:22-bookworm-slim AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci --omit=dev\nCOPY . .\n\n' +
        'FROM gcr.io/distroless/nodejs22-debian12:nonroot\nWORKDIR /app\nCOPY --from=build /app /app\nCMD ["server.js"]\n',
    },
  },
  create(context) {
    const { model } = context;
    /** Why the stage has no `/bin/sh`, and where its shell is if it has one elsewhere; undefined when it has one or nobody knows. */
    const noShell = (stage: Stage): { reason: string; shellPath?: string } | undefined => {
      const root = rootStage(model, stage);
      if (root.isScratch) return { reason: '`scratch` is empty: there is no `/bin/sh`' };
      if (root.baseStage !== undefined || root.baseText === '' || root.undefinedBaseVariables.length > 0) return undefined;
      const facts = lookupBaseImage(root.base);
      // distroless :debug has busybox at /busybox/sh, but shell form runs /bin/sh
      if (facts?.hasShell && facts.shellPath && facts.shellPath !== '/bin/sh') {
        return {
          reason: `\`${root.base.resolved}\` has no \`/bin/sh\` (its shell is \`${facts.shellPath}\`; \`SHELL ["${facts.shellPath}", "-c"]\` would select it)`,
          shellPath: facts.shellPath,
        };
      }
      const none = facts ? !facts.hasShell : lacksShellByName(root.base) === true;
      return none ? { reason: `\`${root.base.resolved}\` has no shell` } : undefined;
    };
    /** Exec form that starts a shell the image does not have: `CMD ["/bin/sh", "-c", "..."]`. */
    const startsMissingShell = (ins: Instruction, shellPath: string | undefined): boolean => {
      const program = ins.execForm?.[0];
      if (!program || !['RUN', 'CMD', 'ENTRYPOINT', 'HEALTHCHECK'].includes(ins.keyword)) return false;
      if (!/^(sh|bash|ash|dash|zsh|ksh)$/.test(program.slice(program.lastIndexOf('/') + 1))) return false;
      // with busybox in /busybox, `sh` is found on PATH and its own path works
      return !shellPath || (program.startsWith('/') && program !== shellPath);
    };
    /** A SHELL instruction in the stage or the stages it builds on points shell form somewhere else. */
    const chainHasShell = (stage: Stage, before: number): boolean => {
      let s: Stage | undefined = stage;
      const seen = new Set<number>();
      while (s && !seen.has(s.index)) {
        seen.add(s.index);
        if (s.instructions.some((i) => i.keyword === 'SHELL' && i.index < before)) return true;
        s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined;
      }
      return false;
    };
    /**
     * The base image's ENTRYPOINT a CMD at `before` is handed to, for dropping the runtime it already
     * runs: [] when nothing is to be dropped (none, or the Dockerfile sets its own); undefined if unknown.
     */
    const entrypointFor = (stage: Stage, before: number): string[] | undefined => {
      let s: Stage | undefined = stage;
      const seen = new Set<number>();
      while (s && !seen.has(s.index)) {
        seen.add(s.index);
        const own = s.instructions.filter((i) => i.keyword === 'ENTRYPOINT' && i.index < before).pop();
        // the CMD is the argument list of the Dockerfile's own ENTRYPOINT: convert it word for word;
        // a shell-form ENTRYPOINT ignores CMD altogether, so leave such a CMD alone
        if (own) return own.execForm ? [] : undefined;
        s = s.baseStage !== undefined ? model.stages[s.baseStage] : undefined;
      }
      const root = rootStage(model, stage);
      if (root.isScratch) return [];
      const facts = lookupBaseImage(root.base);
      if (!facts) return entrypointByName(root.base);
      return facts.unknownConfig?.includes('entrypoint') ? undefined : (facts.entrypoint ?? []);
    };
    let missing: { reason: string; shellPath?: string } | undefined;
    return {
      stage(stage) {
        missing = noShell(stage);
      },
      instruction(ins, stage) {
        if (!missing || !stage || chainHasShell(stage, ins.index)) return;
        const { reason } = missing;
        if (startsMissingShell(ins, missing.shellPath)) {
          const program = (ins.execForm as string[])[0];
          context.report({
            range: headRange(model, ins),
            message: `${reason}, so this ${ins.keyword} cannot run \`${program}\`. Run the program itself in exec form, without a shell, or do this work in a builder stage.`,
          });
          return;
        }
        if (!isShellForm(ins)) return;
        const entrypoint = ins.keyword === 'CMD' ? entrypointFor(stage, ins.index) : undefined;
        const fix = execFormFix(ins, entrypoint);
        const runtimeNote = fix && entrypoint && entrypoint.length > 0 ? ` (the ENTRYPOINT \`${entrypoint.join(' ')}\` already runs the program)` : '';
        const consequence =
          ins.keyword === 'RUN'
            ? 'so this shell-form RUN fails the build. Do the work in a builder stage and `COPY --from` the result, or write it in exec form (`RUN ["/path/to/tool", "arg"]`) for a program the image has.'
            : ins.keyword === 'HEALTHCHECK'
              ? 'so this shell-form health check can never run and the container is reported unhealthy. Use exec form: `HEALTHCHECK CMD ["/app/healthcheck"]`.'
              : `so this shell-form ${ins.keyword} cannot start the container. Use exec form${fix ? `: \`${ins.keyword} ${fix.edits[0].newText}\`${runtimeNote}` : `, e.g. \`${ins.keyword} ["/app/server", "--port", "8080"]\``}.`;
        context.report({ range: headRange(model, ins), message: `${reason}, ${consequence}`, ...(fix ? { fix } : {}) });
      },
    };
  },
});
