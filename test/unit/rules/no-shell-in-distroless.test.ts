import { describe, expect, it } from 'vitest';
import rule from '../../../src/engine/rules/no-shell-in-distroless.ts';
import { entrypointByName, lacksShellByName } from '../../../src/engine/data/image-variants.ts';
import { parseImageReference } from '../../../src/engine/image-ref.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const NODE_BUILD = 'FROM node:22-bookworm-slim AS build\nWORKDIR /app\nRUN npm ci --omit=dev && npm run build\n';

runRuleTests(rule, {
  valid: [
    {
      name: 'exec form everywhere',
      code:
        `${NODE_BUILD}FROM gcr.io/distroless/nodejs22-debian12:nonroot\nCOPY --from=build /app /app\nWORKDIR /app\n` +
        'HEALTHCHECK --interval=30s CMD ["/nodejs/bin/node", "healthcheck.js"]\nCMD ["server.js"]\n',
    },
    { name: 'shell form in the builder stage is fine', code: `${NODE_BUILD}FROM gcr.io/distroless/static-debian12\nCOPY --from=build /app/bin/api /api\nENTRYPOINT ["/api"]\n` },
    { name: 'scratch with exec form', code: 'FROM scratch\nCOPY --chmod=755 app /app\nUSER 65532\nENTRYPOINT ["/app"]\n' },
    { name: 'HEALTHCHECK NONE runs nothing', code: 'FROM gcr.io/distroless/static-debian12\nHEALTHCHECK NONE\nENTRYPOINT ["/api"]\n' },
    { name: 'images with a shell', code: 'FROM alpine:3.23\nRUN apk add --no-cache curl\nCMD echo hello\nFROM cgr.dev/chainguard/python:latest-dev\nRUN pip install --no-cache-dir flask==3.1.0\n' },
    { name: 'unknown images are not judged', code: 'FROM registry.example.com/platform/runtime:4.2\nCMD /app/start.sh\n' },
    { name: 'the debug variant, with its shell selected', code: 'FROM gcr.io/distroless/base-debian12:debug\nSHELL ["/busybox/sh", "-c"]\nRUN echo ready > /tmp/ready\n' },
    {
      name: 'a SHELL set in the stage it builds on',
      code: 'FROM gcr.io/distroless/base-debian12:debug AS tools\nSHELL ["/busybox/sh", "-c"]\nFROM tools\nRUN echo ready > /tmp/ready\n',
    },
  ],
  invalid: [
    {
      name: 'shell-form CMD in distroless nodejs: the runtime is the ENTRYPOINT',
      code: `${NODE_BUILD}FROM gcr.io/distroless/nodejs22-debian12:nonroot\nCOPY --from=build /app /app\nCMD node server.js\n`,
      errors: [
        {
          line: 6,
          column: 1,
          endLine: 6,
          endColumn: 19,
          message:
            '`gcr.io/distroless/nodejs22-debian12:nonroot` has no shell, so this shell-form CMD cannot start the container. Use exec form: `CMD ["server.js"]` (the ENTRYPOINT `/nodejs/bin/node` already runs the program).',
        },
      ],
      output: `${NODE_BUILD}FROM gcr.io/distroless/nodejs22-debian12:nonroot\nCOPY --from=build /app /app\nCMD ["server.js"]\n`,
    },
    {
      name: 'shell-form ENTRYPOINT in distroless static',
      code: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY api /api\nENTRYPOINT /api --port 8080\n',
      errors: [{ line: 3, column: 1, endColumn: 28, message: 'Use exec form: `ENTRYPOINT ["/api", "--port", "8080"]`.' }],
      output: 'FROM gcr.io/distroless/static-debian12:nonroot\nCOPY api /api\nENTRYPOINT ["/api", "--port", "8080"]\n',
    },
    {
      name: 'java: `java -jar` is the entrypoint',
      code: 'FROM gcr.io/distroless/java21-debian12\nCOPY app.jar /app.jar\nCMD java -jar /app.jar\n',
      errors: [{ line: 3, column: 1, message: '`CMD ["/app.jar"]`' }],
      output: 'FROM gcr.io/distroless/java21-debian12\nCOPY app.jar /app.jar\nCMD ["/app.jar"]\n',
    },
    {
      name: 'a variable needs a shell: no fix',
      code: 'FROM gcr.io/distroless/static-debian12\nENTRYPOINT /api --config $CONFIG\n',
      errors: [{ line: 2, column: 1, endColumn: 33, message: 'Use exec form, e.g. `ENTRYPOINT ["/app/server", "--port", "8080"]`.' }],
      output: 'FROM gcr.io/distroless/static-debian12\nENTRYPOINT /api --config $CONFIG\n',
    },
    {
      name: 'an entrypoint that does not match the CMD: no fix',
      code: 'FROM gcr.io/distroless/nodejs22-debian12\nCMD npm start\n',
      errors: [{ line: 2, column: 1, endColumn: 14 }],
      output: 'FROM gcr.io/distroless/nodejs22-debian12\nCMD npm start\n',
    },
    {
      name: 'CMD after the stage\'s own exec-form ENTRYPOINT',
      code: 'FROM gcr.io/distroless/static-debian12\nENTRYPOINT ["/api"]\nCMD --port 8080\n',
      errors: [{ line: 3, column: 1, endColumn: 16, message: '`CMD ["--port", "8080"]`' }],
      output: 'FROM gcr.io/distroless/static-debian12\nENTRYPOINT ["/api"]\nCMD ["--port", "8080"]\n',
    },
    {
      name: 'RUN in scratch fails the build',
      code: 'FROM scratch\nCOPY app /app\nRUN chmod +x /app\nENTRYPOINT ["/app"]\n',
      errors: [{ line: 3, column: 1, endColumn: 18, message: '`scratch` is empty: there is no `/bin/sh`, so this shell-form RUN fails the build. Do the work in a builder stage and `COPY --from` the result' }],
    },
    {
      name: 'a heredoc RUN is shell form too',
      code: 'FROM gcr.io/distroless/cc-debian12\nRUN <<EOF\nmkdir -p /data\nEOF\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 10, message: 'shell-form RUN fails the build' }],
    },
    {
      name: 'a shell-form health check never runs',
      code: 'FROM gcr.io/distroless/static-debian12\nENTRYPOINT ["/api"]\nHEALTHCHECK --interval=30s CMD wget -qO- http://localhost:8080/health || exit 1\n',
      errors: [{ line: 3, column: 1, endColumn: 80, message: 'this shell-form health check can never run' }],
    },
    {
      name: 'a stage built on a distroless stage',
      code: 'FROM gcr.io/distroless/static-debian12:nonroot AS runtime\nCOPY api /api\nFROM runtime\nCMD /api\n',
      errors: [{ line: 4, column: 1, endColumn: 9, message: '`gcr.io/distroless/static-debian12:nonroot` has no shell' }],
      output: 'FROM gcr.io/distroless/static-debian12:nonroot AS runtime\nCOPY api /api\nFROM runtime\nCMD ["/api"]\n',
    },
    {
      name: 'the debug variant has no /bin/sh either',
      code: 'FROM gcr.io/distroless/base-debian12:debug\nRUN echo ready > /tmp/ready\n',
      errors: [{ line: 2, column: 1, message: 'has no `/bin/sh` (its shell is `/busybox/sh`; `SHELL ["/busybox/sh", "-c"]` would select it)' }],
    },
    {
      name: 'exec form that starts a shell the image lacks',
      code: 'FROM gcr.io/distroless/static-debian12\nCOPY api /api\nENTRYPOINT ["/bin/sh", "-c", "exec /api --port $PORT"]\n',
      errors: [{ line: 3, column: 1, endColumn: 55, message: 'has no shell, so this ENTRYPOINT cannot run `/bin/sh`. Run the program itself in exec form' }],
    },
    {
      name: 'the debug variant: /bin/sh is missing, busybox sh is not',
      code: 'FROM gcr.io/distroless/base-debian12:debug\nRUN ["/bin/sh", "-c", "echo hi"]\nRUN ["sh", "-c", "echo ok"]\nRUN ["/busybox/sh", "-c", "echo ok"]\n',
      errors: [{ line: 2, column: 1, message: 'so this RUN cannot run `/bin/sh`' }],
    },
    {
      name: 'Chainguard static',
      code: 'FROM cgr.dev/chainguard/static:latest\nCOPY api /api\nCMD /api serve\n',
      errors: [{ line: 3, column: 1, message: 'has no shell' }],
    },
    {
      name: '.NET chiseled images',
      code: 'FROM mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled\nCOPY out/ /app/\nENTRYPOINT dotnet /app/Api.dll\n',
      errors: [{ line: 3, column: 1, message: '`ENTRYPOINT ["dotnet", "/app/Api.dll"]`' }],
      output: 'FROM mcr.microsoft.com/dotnet/aspnet:9.0-noble-chiseled\nCOPY out/ /app/\nENTRYPOINT ["dotnet", "/app/Api.dll"]\n',
    },
    {
      name: 'a continuation line: the first line is marked',
      code: 'FROM gcr.io/distroless/static-debian12\nENTRYPOINT /api \\\n    --port 8080\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 16 }],
      output: 'FROM gcr.io/distroless/static-debian12\nENTRYPOINT ["/api", "--port", "8080"]\n',
    },
    {
      name: 'with the backtick escape character',
      code: '# escape=`\nFROM gcr.io/distroless/static-debian12\nENTRYPOINT /api `\n    --port 8080\n',
      errors: [{ line: 3, column: 1, endLine: 3, endColumn: 16 }],
      output: '# escape=`\nFROM gcr.io/distroless/static-debian12\nENTRYPOINT ["/api", "--port", "8080"]\n',
    },
  ],
});

describe('shell and entrypoint by name', () => {
  const ref = parseImageReference;
  it('knows the shell-less families', () => {
    expect(lacksShellByName(ref('gcr.io/distroless/static-debian13:nonroot'))).toBe(true);
    expect(lacksShellByName(ref('gcr.io/distroless/static-debian13:debug'))).toBeUndefined();
    expect(lacksShellByName(ref('cgr.dev/chainguard/static'))).toBe(true);
    expect(lacksShellByName(ref('mcr.microsoft.com/dotnet/runtime-deps:9.0-azurelinux3.0-distroless'))).toBe(true);
    expect(lacksShellByName(ref('mcr.microsoft.com/dotnet/aspnet:9.0'))).toBeUndefined();
    expect(lacksShellByName(ref('alpine:3.23'))).toBeUndefined();
  });
  it('knows the distroless runtimes\' entrypoints', () => {
    expect(entrypointByName(ref('gcr.io/distroless/nodejs24-debian13'))).toEqual(['/nodejs/bin/node']);
    expect(entrypointByName(ref('gcr.io/distroless/java25-debian13'))).toEqual(['/usr/bin/java', '-jar']);
    expect(entrypointByName(ref('gcr.io/distroless/static'))).toEqual([]);
    expect(entrypointByName(ref('python:3.13-slim'))).toBeUndefined();
  });
});
