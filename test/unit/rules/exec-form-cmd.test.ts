import { describe, expect, it } from 'vitest';
import { applyFixes, fixesOf, lint } from '../../../src/engine/index.ts';
import rule from '../../../src/engine/rules/exec-form-cmd.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM python:3.13-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n' },
    { code: 'FROM python:3.13-slim\nENTRYPOINT ["tini", "--"]\nCMD ["python", "app.py"]\n' },
    { name: 'exec replaces the shell', code: 'FROM python:3.13-slim\nCMD exec gunicorn -b "0.0.0.0:$PORT" app:app\n' },
    { name: 'setup, then exec', code: 'FROM python:3.13-slim\nCMD python manage.py migrate && exec gunicorn mysite.wsgi\n' },
    { name: 'an explicit shell in exec form is a choice', code: 'FROM alpine:3.20\nCMD ["sh", "-c", "echo $HOME"]\n' },
    { name: 'builder stages do not run in production', code: 'FROM node:22 AS build\nCMD npm test\nFROM node:22-alpine\nCMD ["node", "server.js"]\n' },
    { name: 'an overridden CMD is not in effect', code: 'FROM python:3.13-slim\nCMD python app.py\nCMD ["python", "app.py"]\n' },
    { name: 'no CMD at all', code: 'FROM nginx:1.27\nCOPY site/ /usr/share/nginx/html/\n' },
    {
      name: 'a CMD from the base stage reset by a later ENTRYPOINT',
      code: 'FROM python:3.13-slim AS base\nCMD python app.py\nFROM base\nENTRYPOINT ["python", "app.py"]\n',
    },
  ],
  invalid: [
    {
      name: 'plain word list: converted',
      code: 'FROM python:3.13-slim\nCMD gunicorn -b 0.0.0.0:8000 app:app\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 37, message: 'Use the exec form: `CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]`' }],
      output: 'FROM python:3.13-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n',
    },
    {
      name: 'ENTRYPOINT shell form',
      code: 'FROM alpine:3.20\nENTRYPOINT my-program start\n',
      errors: [{ line: 2, column: 12, endColumn: 28 }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["my-program", "start"]\n',
    },
    {
      name: 'shell syntax, even inside quotes: warned, not rewritten',
      code: "FROM nginx:1.27\nCMD nginx -g 'daemon off;'\n",
      errors: [{ line: 2, column: 5 }],
      output: "FROM nginx:1.27\nCMD nginx -g 'daemon off;'\n",
    },
    {
      name: 'quoted words without shell syntax',
      code: 'FROM python:3.13-slim\nCMD python "my app.py" --name "web 1"\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM python:3.13-slim\nCMD ["python", "my app.py", "--name", "web 1"]\n',
    },
    {
      name: 'variables need the shell: no fix, exec advice',
      code: 'FROM python:3.13-slim\nCMD gunicorn -b 0.0.0.0:$PORT app:app\n',
      errors: [{ line: 2, column: 5, message: 'start the app with `exec`' }],
      output: 'FROM python:3.13-slim\nCMD gunicorn -b 0.0.0.0:$PORT app:app\n',
    },
    {
      name: 'operators need the shell: no fix',
      code: 'FROM python:3.13-slim\nCMD python manage.py migrate && gunicorn mysite.wsgi\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM python:3.13-slim\nCMD python manage.py migrate && gunicorn mysite.wsgi\n',
    },
    {
      name: 'line continuations collapse into one JSON line',
      code: 'FROM python:3.13-slim\nCMD gunicorn \\\n    --workers 4 \\\n    app:app\n',
      errors: [{ line: 2, column: 5, endLine: 4, endColumn: 12 }],
      output: 'FROM python:3.13-slim\nCMD ["gunicorn", "--workers", "4", "app:app"]\n',
    },
    {
      name: 'not valid JSON: single quotes',
      code: "FROM python:3.13-slim\nCMD ['python', 'app.py']\n",
      errors: [{ line: 2, column: 5, endColumn: 25, message: 'is not valid JSON (exec form needs double quotes)' }],
      output: 'FROM python:3.13-slim\nCMD ["python", "app.py"]\n',
    },
    {
      name: 'not valid JSON: bare words',
      code: 'FROM python:3.13-slim\nENTRYPOINT [python, app.py]\n',
      errors: [{ line: 2, column: 12 }],
      output: 'FROM python:3.13-slim\nENTRYPOINT ["python", "app.py"]\n',
    },
    {
      name: 'shell-form CMD after an exec-form ENTRYPOINT',
      code: 'FROM python:3.13-slim\nENTRYPOINT ["python"]\nCMD app.py --port 8000\n',
      errors: [{ line: 3, column: 5, message: 'the CMD reaches it as the arguments `/bin/sh -c ...`' }],
      output: 'FROM python:3.13-slim\nENTRYPOINT ["python"]\nCMD ["app.py", "--port", "8000"]\n',
    },
    {
      name: 'both shell form',
      code: 'FROM alpine:3.20\nENTRYPOINT run-app\nCMD --verbose\n',
      errors: [{ line: 2, column: 12 }, { line: 3, column: 5 }],
      output: 'FROM alpine:3.20\nENTRYPOINT ["run-app"]\nCMD ["--verbose"]\n',
    },
    {
      name: 'a SHELL instruction: warned, not rewritten',
      code: 'FROM python:3.13-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD gunicorn app:app\n',
      errors: [{ line: 3, column: 5 }],
      output: 'FROM python:3.13-slim\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nCMD gunicorn app:app\n',
    },
    {
      name: '# escape=` (Windows): warned, not rewritten',
      code: '# escape=`\nFROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nENTRYPOINT dotnet App.dll\n',
      errors: [{ line: 3, column: 12 }],
      output: '# escape=`\nFROM mcr.microsoft.com/dotnet/aspnet:8.0-nanoserver-ltsc2022\nENTRYPOINT dotnet App.dll\n',
    },
    {
      name: 'CMD inherited from the stage the final one builds on',
      code: 'FROM python:3.13-slim AS base\nCMD python app.py\nFROM base\nCOPY . /app\n',
      errors: [{ line: 2, column: 5 }],
      output: 'FROM python:3.13-slim AS base\nCMD ["python", "app.py"]\nFROM base\nCOPY . /app\n',
    },
  ],
});


describe('exec-form-cmd with an image ENTRYPOINT', () => {
  it('drops the program the distroless entrypoint already runs', () => {
    const text = 'FROM gcr.io/distroless/nodejs22-debian12:nonroot\nCMD node server.js\n';
    const found = lint(text, { rules: [rule] });
    expect(found).toHaveLength(1);
    expect(applyFixes(text, fixesOf(found)).text).toBe('FROM gcr.io/distroless/nodejs22-debian12:nonroot\nCMD ["server.js"]\n');
  });
});
