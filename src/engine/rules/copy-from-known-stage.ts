import { defineRule } from '../rule.ts';
import type { DockerfileModel, Flag, Stage } from '../model.ts';
import { closestMatch } from '../suggest.ts';
import type { Range } from '../types.ts';

/** The range of `value` inside a flag (`build` in `--from=build`, `deps` in `--mount=type=bind,from=deps`). */
function valueRange(model: DockerfileModel, flag: Flag, value: string): Range {
  const start = model.doc.offsetAt(flag.range.start);
  const text = model.doc.rangeText(flag.range);
  const m = /(?:--|[=,])from=/.exec(text);
  if (m) {
    const at = m.index + m[0].length;
    if (text.startsWith(value, at)) return model.doc.range(start + at, start + at + value.length);
  }
  return flag.range;
}

/** An image reference is written with a tag, a digest or a path: `nginx:1.27`, `ghcr.io/org/tool`. */
function looksLikeImage(value: string): boolean {
  return value.includes(':') || value.includes('@') || value.includes('/');
}

function stageLabel(stage: Stage): string {
  return stage.name ? `\`${stage.name}\` (stage ${stage.index})` : `stage ${stage.index}`;
}

export default defineRule({
  meta: {
    id: 'copy-from-known-stage',
    title: '`COPY --from` names an earlier stage or an image',
    severity: 'error',
    lesson: '07-multi-stage-builds',
    related: { hadolint: ['DL3022', 'DL3023'] },
    why:
      '`COPY --from=x` and `RUN --mount=from=x` take x as a stage name, a stage index or an image. A name that is no stage ' +
      'is pulled as an image (`builder` becomes `docker.io/library/builder:latest`), so a typo fails the build or, worse, ' +
      'copies files out of a stranger\'s image. Copying from the stage being built is a circular dependency and never ' +
      'works. BuildKit can copy from a stage defined further down, but the classic builder and Podman cannot, and a ' +
      'Dockerfile that reads top to bottom is easier to review. A named build context passed with `--build-context` is ' +
      'invisible in the Dockerfile: silence the finding with `# shipshape ignore=copy-from-known-stage` in that case.',
    fixable: false,
    examples: {
      incorrect:
        'FROM node:22-bookworm-slim AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\n' +
        'FROM nginx:1.30-alpine\nCOPY --from=buid /app/dist /usr/share/nginx/html\n',
      correct:
        'FROM node:22-bookworm-slim AS build\nWORKDIR /app\nCOPY package.json package-lock.json ./\nRUN npm ci\nCOPY . .\nRUN npm run build\n\n' +
        'FROM nginx:1.30-alpine\nCOPY --from=build /app/dist /usr/share/nginx/html\n',
    },
  },
  create(context) {
    const { model } = context;
    const byName = new Map<string, Stage>();
    for (const s of model.stages) if (s.name && !byName.has(s.name)) byName.set(s.name, s);

    const check = (value: string, range: Range, stage: Stage, written: string) => {
      const what = `\`${written}`;
      // a variable is resolved at build time from --build-arg: nothing to judge here
      if (value === '' || value.includes('$')) return;
      if (/^\d+$/.test(value)) {
        const n = Number(value);
        if (n < stage.index) return;
        if (n === stage.index) {
          context.report({ range, message: `${what}=${value}\` is the stage being built, which cannot copy from itself. Name an earlier stage, or use the files directly.` });
        } else if (n < model.stages.length) {
          context.report({
            range,
            message: `${what}=${value}\` refers to ${stageLabel(model.stages[n])}, defined further down. Move that stage above this one: the classic builder and Podman only see earlier stages.`,
          });
        } else {
          context.report({
            range,
            message: `${what}=${value}\` is no stage: this Dockerfile has ${model.stages.length} (0 to ${model.stages.length - 1}). Name an earlier stage, preferably by its \`AS\` name.`,
          });
        }
        return;
      }
      const target = byName.get(value.toLowerCase());
      if (target) {
        if (target.index < stage.index) return;
        if (target.index === stage.index) {
          context.report({ range, message: `${what}=${value}\` is the stage being built, which cannot copy from itself. Name an earlier stage, or use the files directly.` });
        } else {
          context.report({
            range,
            message: `${what}=${value}\` refers to a stage defined further down (line ${target.from.range.start.line + 1}). Move that stage above this one: the classic builder and Podman only see earlier stages.`,
          });
        }
        return;
      }
      if (looksLikeImage(value)) return;
      const earlier = model.stages.filter((s) => s.index < stage.index && s.name).map((s) => s.name as string);
      const guess = closestMatch(value, earlier, true);
      const known = earlier.length > 0 ? ` The earlier stages are ${earlier.map((n) => `\`${n}\``).join(', ')}.` : ' No earlier stage has a name (`FROM ... AS <name>`).';
      context.report({
        range,
        message:
          `${what}=${value}\` is not a stage of this Dockerfile, so Docker pulls an image called \`${value}\`.` +
          (guess ? ` Did you mean \`${guess}\`?` : known) +
          ` If you meant an image, write it with a tag: \`${value}:<version>\`.`,
      });
    };

    return {
      instruction(ins, stage) {
        if (!stage) return;
        if (ins.keyword === 'COPY') {
          for (const f of ins.flags) if (f.name === 'from' && f.value !== null) check(f.value, valueRange(model, f, f.value), stage, '--from');
        } else if (ins.keyword === 'RUN') {
          for (const f of ins.flags) {
            if (f.name !== 'mount' || !f.value) continue;
            const from = /(?:^|,)from=([^,]+)/.exec(f.value)?.[1];
            if (from) check(from, valueRange(model, f, from), stage, 'from');
          }
        }
      },
    };
  },
});
