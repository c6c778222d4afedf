import { defineRule } from '../rule.ts';
import { AUTOMATIC_PLATFORM_ARGS, fromScope, type DockerfileModel } from '../model.ts';
import { substituteVariables } from '../image-ref.ts';
import { closestMatch } from '../suggest.ts';
import type { Range } from '../types.ts';

/** The first `$NAME` / `${NAME...}` inside `range`, or the whole range when it cannot be found. */
export function variableRange(model: DockerfileModel, range: Range, name: string): Range {
  const text = model.doc.rangeText(range);
  const m = new RegExp(`\\$\\{${name}(?:[:?+\\-][^}]*)?\\}|\\$${name}(?![A-Za-z0-9_])`).exec(text);
  if (!m) return range;
  const start = model.doc.offsetAt(range.start) + m.index;
  return model.doc.range(start, start + m[0].length);
}

export default defineRule({
  meta: {
    id: 'undefined-arg-in-from',
    title: 'Variables in FROM are declared before the first FROM',
    severity: 'error',
    lesson: '02-pin-base-images',
    related: { buildkit: ['UndefinedArgInFrom'] },
    why:
      'FROM only sees ARGs declared before the first FROM (plus BuildKit\'s automatic platform ARGs such as `BUILDPLATFORM` ' +
      'and `TARGETARCH`). Any other variable silently expands to an empty string, so `FROM node:22${VARIANT}` builds ' +
      '`node:22` and `FROM ${REGISTRY}/app` fails, or a misspelt `$BUILDPLATFROM` drops the platform you asked for. ' +
      'An ARG inside a stage is not visible to FROM either: declare it at the top of the file, with a default.',
    fixable: false,
    examples: {
      incorrect:
        'FROM python:${PYTHON_VERSION}-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
      correct:
        'ARG PYTHON_VERSION=3.13\nFROM python:${PYTHON_VERSION}-slim\nWORKDIR /app\nCOPY . .\nRUN pip install --no-cache-dir -r requirements.txt\nCMD ["python", "app.py"]\n',
    },
  },
  create(context) {
    const { model } = context;
    /** ARGs declared inside stages, by name: FROM cannot see them. */
    let stageArgsFound: Map<string, number> | undefined;
    const stageArgs = (): Map<string, number> => {
      if (stageArgsFound) return stageArgsFound;
      const found = (stageArgsFound = new Map<string, number>());
      for (const ins of model.instructions) {
        if (ins.keyword !== 'ARG' || ins.stageIndex < 0) continue;
        for (const a of ins.args) {
          const name = a.value.split('=')[0];
          if (!found.has(name)) found.set(name, ins.range.start.line + 1);
        }
      }
      return found;
    };
    // what explain reads is gathered only for a finding: most files have none
    const explain = (name: string): string => {
      const guess = closestMatch(name, [...model.globalArgs.keys(), ...AUTOMATIC_PLATFORM_ARGS.keys()]);
      if (guess) return ` Did you mean \`${guess}\`?`;
      const line = stageArgs().get(name);
      if (line !== undefined) return ` The \`ARG ${name}\` on line ${line} is inside a stage, where FROM cannot see it: move it above the first FROM, with a default.`;
      return ` Declare it before the first FROM, with a default: \`ARG ${name}=<value>\`.`;
    };
    return {
      stage(stage) {
        for (const name of stage.undefinedBaseVariables) {
          context.report({
            range: variableRange(model, stage.baseRange, name),
            message: `\`${name}\` is not declared by an ARG before the first FROM, so it expands to nothing and the base becomes \`${stage.base.resolved || '(empty)'}\`.${explain(name)}`,
          });
        }
        // stage.platform is the first --platform value: without a `$` nothing in it can be undefined
        const platform = stage.platform?.includes('$') ? stage.from.flags.find((f) => f.name === 'platform') : undefined;
        if (platform?.value) {
          for (const name of substituteVariables(platform.value, fromScope(model.globalArgs)).undefinedVariables) {
            context.report({
              range: variableRange(model, platform.range, name),
              message: `\`${name}\` in \`--platform\` is not declared by an ARG before the first FROM, so the platform expands to nothing.${explain(name)}`,
            });
          }
        }
      },
    };
  },
});
