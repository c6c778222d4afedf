import { defineRule } from '../rule.ts';

const RESERVED: Record<string, string> = {
  scratch: '`FROM scratch` and `--from=scratch` mean the empty image, never this stage',
  context: 'BuildKit uses `context` for the build context itself',
};

export default defineRule({
  meta: {
    id: 'reserved-stage-name',
    title: 'Stages are not named `scratch` or `context`',
    severity: 'error',
    lesson: '07-multi-stage-builds',
    related: { buildkit: ['ReservedStageName'] },
    why:
      '`scratch` is the empty image and `context` names the build context, so BuildKit reserves both words. A stage called ' +
      'either cannot be referred to as a stage: `FROM scratch` after it still starts from nothing, and references to it ' +
      'resolve to something else than the reader expects.',
    fixable: false,
    examples: {
      incorrect:
        'FROM golang:1.27 AS scratch\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=scratch /out/api /api\nENTRYPOINT ["/api"]\n',
      correct:
        'FROM golang:1.27 AS build\nWORKDIR /src\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/api ./cmd/api\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/api /api\nENTRYPOINT ["/api"]\n',
    },
  },
  create(context) {
    return {
      stage(stage) {
        if (!stage.name || !stage.nameRange) return;
        const reason = RESERVED[stage.name];
        if (!reason) return;
        const written = context.model.doc.rangeText(stage.nameRange);
        context.report({
          range: stage.nameRange,
          message: `\`${written}\` is a reserved word: ${reason}. Rename the stage after what it does, e.g. \`build\` or \`base\`.`,
        });
      },
    };
  },
});
