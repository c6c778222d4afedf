import { defineRule } from '../rule.ts';
import type { Stage } from '../model.ts';

export default defineRule({
  meta: {
    id: 'duplicate-stage-name',
    title: 'Stage names are unique',
    severity: 'error',
    lesson: '07-multi-stage-builds',
    related: { hadolint: ['DL3024'], buildkit: ['DuplicateStageName'] },
    why:
      'A stage name is what `COPY --from=<name>`, `FROM <name>` and `docker build --target <name>` refer to. Two stages ' +
      'with the same name (compared without case, as BuildKit does) make every such reference ambiguous, and Docker ' +
      'rejects the Dockerfile. It usually happens when a stage is copied to start a new one.',
    fixable: false,
    examples: {
      incorrect:
        'FROM golang:1.27 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\n' +
        'FROM node:22-bookworm-slim AS build\nWORKDIR /web\nCOPY web/ .\nRUN npm ci && npm run build\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nENTRYPOINT ["/api"]\n',
      correct:
        'FROM golang:1.27 AS api-build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\n' +
        'FROM node:22-bookworm-slim AS web-build\nWORKDIR /web\nCOPY web/ .\nRUN npm ci && npm run build\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=api-build /out/api /api\nENTRYPOINT ["/api"]\n',
    },
  },
  create(context) {
    const seen = new Map<string, Stage>();
    return {
      stage(stage) {
        if (!stage.name || !stage.nameRange) return;
        const first = seen.get(stage.name);
        if (!first) {
          seen.set(stage.name, stage);
          return;
        }
        const written = context.model.doc.rangeText(stage.nameRange);
        context.report({
          range: stage.nameRange,
          message:
            `The stage name \`${written}\` is already used by the stage on line ${first.from.range.start.line + 1} (names are compared ` +
            'without case), so `--from`, `FROM` and `--target` cannot tell them apart. Give each stage its own name, e.g. ' +
            `\`${written}-${stage.index}\` or one that says what it builds.`,
        });
      },
    };
  },
});
