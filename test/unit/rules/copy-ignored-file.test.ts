import rule from '../../../src/engine/rules/copy-ignored-file.ts';
import type { ContextFile } from '../../../src/engine/types.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const files = (...paths: string[]): ContextFile[] => paths.map((path) => ({ path, size: 100 }));
const py = files('requirements.txt', 'src/app.py', 'src/util.py', 'README.md', '.git/HEAD');

runRuleTests(rule, {
  valid: [
    { name: 'every source is sent', code: 'FROM python:3.13-slim\nCOPY requirements.txt ./\nCOPY src/ ./src/\n', context: py, dockerignore: '.git\n' },
    { name: 'the context is unknown', code: 'FROM python:3.13-slim\nCOPY nothing-here.txt ./\n' },
    { name: 'COPY --from reads another stage', code: 'FROM golang:1.23 AS build\nFROM alpine:3.21\nCOPY --from=build /out/app /app\n', context: py },
    { name: 'a flag without its value (dockerfile-syntax reports it): the word after it is no source', code: 'FROM alpine:3.21\nCOPY --chown app:app requirements.txt ./\nCOPY --from build /out/app /app\n', context: py },
    { name: 'remote and inline sources', code: 'FROM alpine:3.21\nADD https://example.com/a.tgz /tmp/\nCOPY <<EOF /etc/motd\nhello\nEOF\n', context: py },
    { name: 'a variable resolved from its ARG default', code: 'FROM alpine:3.21\nARG APP=src\nCOPY ${APP} /app\n', context: py },
    { name: 'a variable without a value is not judged', code: 'FROM alpine:3.21\nARG APP\nCOPY ${APP}/missing /app\n', context: py },
    { name: 'the context root', code: 'FROM alpine:3.21\nCOPY . /app\nCOPY ./ /app\n', context: py, dockerignore: '.git\n' },
    { name: 'a wildcard that matches', code: 'FROM python:3.13-slim\nCOPY requirements*.txt ./\nCOPY src/*.py ./\n', context: py },
    { name: 'a wildcard matching a directory takes it whole', code: 'FROM alpine:3.21\nCOPY s* /app/\n', context: py },
    { name: 'a directory with some files excluded is still copied', code: 'FROM alpine:3.21\nCOPY src /app\n', context: py, dockerignore: 'src/util.py\n' },
    { name: 'paths are cleaned against the root', code: 'FROM alpine:3.21\nCOPY ./src/../requirements.txt /a/\nCOPY /src/app.py /b/\n', context: py },
    { name: 're-included by an exception', code: 'FROM alpine:3.21\nCOPY README.md /\n', context: py, dockerignore: '*.md\n!README.md\n' },
    { name: 'JSON form', code: 'FROM alpine:3.21\nCOPY ["src/app.py", "/app/"]\n', context: py },
    { name: 'an excluded directory with a re-included file', code: 'FROM alpine:3.21\nCOPY src /app\n', context: py, dockerignore: 'src\n!src/app.py\n' },
  ],
  invalid: [
    {
      name: 'excluded by a pattern, with its line',
      code: 'FROM python:3.13-slim\nCOPY requirements.txt ./\n',
      context: py,
      dockerignore: '.git\n*.txt\n',
      errors: [
        {
          line: 2,
          column: 6,
          endLine: 2,
          endColumn: 22,
          message:
            '`requirements.txt` is excluded by pattern `*.txt` on line 2 of .dockerignore, so it is not in the build context and the build fails ("not found"). Remove it from .dockerignore (or add `!requirements.txt` after that line)',
        },
      ],
    },
    {
      name: 'not in the context, with a likely path',
      code: 'FROM python:3.13-slim\nCOPY app.py ./\n',
      context: py,
      errors: [
        {
          line: 2,
          column: 6,
          endColumn: 12,
          message: '`app.py` is not in the build context, so the build fails ("not found"). COPY paths are relative to the context root, not to the Dockerfile. Did you mean `src/app.py`?',
        },
      ],
    },
    {
      name: 'inside an excluded directory',
      code: 'FROM alpine:3.21\nADD src/app.py /app/\n',
      context: py,
      dockerignore: 'src/\n',
      errors: [{ line: 2, column: 5, endColumn: 15, message: '`src/app.py` is excluded by pattern `src/` on line 1 of .dockerignore' }],
    },
    {
      name: 'an excluded directory',
      code: 'FROM alpine:3.21\nCOPY src /app\n',
      context: py,
      dockerignore: '# sources\nsrc\n',
      errors: [{ line: 2, column: 6, endColumn: 9, message: '`src` is excluded by pattern `src` on line 2 of .dockerignore, so it is not in the build context' }],
    },
    {
      name: 'everything inside a directory is excluded',
      code: 'FROM alpine:3.21\nCOPY src /app\n',
      context: py,
      dockerignore: 'src/*\n',
      errors: [{ line: 2, column: 6, message: 'Everything in `src` is excluded by pattern `src/*` on line 1 of .dockerignore, so this COPY copies an empty directory' }],
    },
    {
      name: 'a wildcard whose matches are all excluded',
      code: 'FROM alpine:3.21\nCOPY *.txt /app/\n',
      context: py,
      dockerignore: '**/*.txt\n',
      errors: [{ line: 2, column: 6, endColumn: 11, message: '`*.txt` matches only paths the .dockerignore keeps out of the build context (`requirements.txt` is excluded by pattern `**/*.txt` on line 1 of .dockerignore), so this COPY copies nothing' }],
    },
    {
      name: 'a wildcard that matches nothing',
      code: 'FROM alpine:3.21\nCOPY *.whl /tmp/\n',
      context: py,
      errors: [{ line: 2, column: 6, message: '`*.whl` matches no file in the build context, so this COPY copies nothing' }],
    },
    {
      name: 'each source is judged, in every stage',
      code: 'FROM python:3.13-slim AS build\nCOPY requirements.txt missing.txt ./\nFROM python:3.13-slim\nCOPY --chown=app:app src/app.py gone/ /app/\n',
      context: py,
      errors: [
        { line: 2, column: 23, endColumn: 34, message: '`missing.txt` is not in the build context' },
        { line: 4, column: 33, endColumn: 38, message: '`gone/` is not in the build context' },
      ],
    },
    {
      name: 'JSON form points inside the quotes',
      code: 'FROM alpine:3.21\nCOPY ["src/main.py", "/app/"]\n',
      context: py,
      errors: [{ line: 2, column: 8, endColumn: 19, message: '`src/main.py` is not in the build context' }],
    },
    {
      name: 'a source from an ARG default, excluded: the message shows the expansion',
      code: 'FROM python:3.13-slim\nARG APP_DIR=src\nCOPY ${APP_DIR}/ ./\n',
      context: py,
      dockerignore: 'src\n',
      errors: [{ line: 3, column: 6, endColumn: 17, message: '`${APP_DIR}/` (`src/`) is excluded by pattern `src` on line 1 of .dockerignore' }],
    },
    {
      name: 'a source from an ENV value that is not in the context',
      code: 'FROM python:3.13-slim\nENV SRC=app\nCOPY $SRC .\n',
      context: py,
      errors: [{ line: 3, column: 6, endColumn: 10, message: '`$SRC` (`app`) is not in the build context' }],
    },
    {
      name: 'a global ARG redeclared in the stage',
      code: 'ARG CONFIG=config.yml\nFROM alpine:3.21\nARG CONFIG\nCOPY ${CONFIG} /etc/app/\n',
      context: py,
      errors: [{ line: 4, column: 6, message: '`${CONFIG}` (`config.yml`) is not in the build context' }],
    },
    {
      name: 'the whole context is excluded',
      code: 'FROM alpine:3.21\nCOPY . /app\n',
      context: py,
      dockerignore: '*\n',
      errors: [{ line: 2, column: 6, message: 'Everything in `.` is excluded by pattern `*` on line 1 of .dockerignore' }],
    },
    {
      name: 'BuildKit judges a child with its parent results: the last line here does not exclude it',
      code: 'FROM alpine:3.21\nCOPY src/app.py /a/\nCOPY src/util.py /b/\n',
      context: py,
      dockerignore: 'src\n!src/app.py\nsrc\n',
      errors: [{ line: 3, column: 6, message: '`src/util.py` is excluded by pattern `src` on line 1 of .dockerignore' }],
    },
  ],
});
