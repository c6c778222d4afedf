import { defineRule } from '../rule.ts';
import type { DockerfileModel, Flag } from '../model.ts';
import type { Range } from '../types.ts';

/** The flag and the blanks (and line continuations) after it, up to the next word: what deleting the flag removes. */
export function flagWithTrailingSpace(model: DockerfileModel, flag: Flag): Range {
  const { doc, escapeChar } = model;
  const text = doc.text;
  let end = doc.offsetAt(flag.range.end);
  for (;;) {
    const c = text[end];
    if (c === ' ' || c === '\t') end++;
    else if (c === escapeChar && /^[ \t]*(?:\r\n|\r|\n)/.test(text.slice(end + 1, end + 64))) {
      end++;
      while (text[end] === ' ' || text[end] === '\t') end++;
      end += text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1;
    } else break;
  }
  return doc.range(doc.offsetAt(flag.range.start), end);
}

export default defineRule({
  meta: {
    id: 'redundant-target-platform',
    title: '`FROM --platform=$TARGETPLATFORM` is the default',
    severity: 'info',
    lesson: '02-pin-base-images',
    related: { hadolint: ['DL3029'], buildkit: ['RedundantTargetPlatform'] },
    why:
      'Without `--platform`, FROM pulls the base image for the platform being built, `$TARGETPLATFORM`, so writing it out changes nothing. ' +
      'It is usually copied from a cross-compiling template, where the builder stage runs on `--platform=$BUILDPLATFORM` (the machine ' +
      'doing the build) and the shipped stage on the target. The extra flag makes readers wonder which of the two was meant. The quick ' +
      'fix deletes it.',
    fixable: true,
    examples: {
      incorrect:
        'FROM --platform=$BUILDPLATFORM golang:1.27 AS build\nARG TARGETOS TARGETARCH\nWORKDIR /src\nCOPY . .\n' +
        'RUN GOOS=$TARGETOS GOARCH=$TARGETARCH CGO_ENABLED=0 go build -o /out/app .\n\n' +
        'FROM --platform=$TARGETPLATFORM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
      correct:
        'FROM --platform=$BUILDPLATFORM golang:1.27 AS build\nARG TARGETOS TARGETARCH\nWORKDIR /src\nCOPY . .\n' +
        'RUN GOOS=$TARGETOS GOARCH=$TARGETARCH CGO_ENABLED=0 go build -o /out/app .\n\n' +
        'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app"]\n',
    },
  },
  create(context) {
    const { model } = context;
    // an ARG TARGETPLATFORM with a default before the first FROM makes the variable mean something else
    const redefined = !!model.globalArgs.get('TARGETPLATFORM');
    return {
      stage(stage) {
        if (redefined) return;
        const flag = stage.from.flags.find((f) => f.name === 'platform');
        if (!flag || (flag.value !== '$TARGETPLATFORM' && flag.value !== '${TARGETPLATFORM}')) return;
        context.report({
          range: flag.range,
          message:
            '`--platform=$TARGETPLATFORM` is what FROM does without it: the base image is pulled for the platform being built. ' +
            'Delete the flag (a builder stage that should run on the build machine wants `$BUILDPLATFORM` instead).',
          fix: { title: 'Delete --platform', edits: [{ range: flagWithTrailingSpace(model, flag), newText: '' }] },
        });
      },
    };
  },
});
