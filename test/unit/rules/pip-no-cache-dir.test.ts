import rule from '../../../src/engine/rules/pip-no-cache-dir.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM python:3.13-slim\nRUN pip install --no-cache-dir -r requirements.txt\n' },
    { name: 'global option before the subcommand', code: 'FROM python:3.13-slim\nRUN pip --no-cache-dir install flask==3.1.0\n' },
    { name: 'ENV in the stage', code: 'FROM python:3.13-slim\nENV PYTHONUNBUFFERED=1 \\\n    PIP_NO_CACHE_DIR=1\nRUN pip install -r requirements.txt\n' },
    { name: 'legacy ENV form and an ARG', code: 'FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR true\nRUN pip install -r a.txt\nFROM python:3.13-slim\nARG PIP_NO_CACHE_DIR=yes\nRUN pip install -r b.txt\n' },
    { name: 'ENV in a stage this one builds on', code: 'FROM python:3.13-slim AS base\nENV PIP_NO_CACHE_DIR=on\nFROM base\nRUN pip install -r requirements.txt\n' },
    { name: 'assignment, env wrapper and export', code: 'FROM python:3.13-slim\nRUN PIP_NO_CACHE_DIR=1 pip install -r a.txt && env PIP_NO_CACHE_DIR=1 pip install -r b.txt\nRUN export PIP_NO_CACHE_DIR=1 && pip install -r c.txt\n' },
    { name: 'a cache mount', code: 'FROM python:3.13-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt\n' },
    { name: 'a cache mount on the --cache-dir', code: 'FROM python:3.13-slim\nRUN --mount=type=cache,target=/pipcache pip install --cache-dir=/pipcache -r requirements.txt\n' },
    { name: 'cache deleted or purged later in the same RUN', code: 'FROM python:3.13-slim\nRUN pip install -r a.txt && rm -rf /root/.cache/pip\nRUN pip install -r b.txt && rm -rf ~/.cache\nRUN pip install -r c.txt && pip cache purge\n' },
    { name: 'builder stage with a virtualenv copied out', code: 'FROM python:3.13-slim AS build\nRUN python -m venv /venv && /venv/bin/pip install -r requirements.txt\nFROM python:3.13-slim\nCOPY --from=build /venv /venv\n' },
    { name: 'pipx and pip uninstall', code: 'FROM python:3.13-slim\nRUN pipx install poetry==1.8.4 && pip uninstall -y setuptools\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.13-slim\nRUN pip install -r requirements.txt\n',
      errors: [{ line: 2, column: 5, endLine: 2, endColumn: 16, message: 'Add `--no-cache-dir` to `pip install`' }],
      output: 'FROM python:3.13-slim\nRUN pip install --no-cache-dir -r requirements.txt\n',
    },
    {
      name: 'python -m pip, a false PIP_NO_CACHE_DIR, continuations',
      code: 'FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR=0\nRUN python3 -m pip install \\\n      -r requirements.txt \\\n && pip3 install gunicorn==23.0.0\n',
      errors: [
        { line: 3, column: 5, endColumn: 27, message: '`python3 -m pip install`' },
        { line: 5, column: 5, endColumn: 17, message: '`pip3 install`' },
      ],
      output: 'FROM python:3.13-slim\nENV PIP_NO_CACHE_DIR=0\nRUN python3 -m pip install --no-cache-dir \\\n      -r requirements.txt \\\n && pip3 install --no-cache-dir gunicorn==23.0.0\n',
    },
    {
      name: 'ENV after the RUN and a cache deleted before the install do not count',
      code: 'FROM python:3.13-slim\nRUN rm -rf /root/.cache && pip install -r requirements.txt\nENV PIP_NO_CACHE_DIR=1\n',
      errors: [{ line: 2, column: 28, endColumn: 39 }],
      output: 'FROM python:3.13-slim\nRUN rm -rf /root/.cache && pip install --no-cache-dir -r requirements.txt\nENV PIP_NO_CACHE_DIR=1\n',
    },
    {
      name: 'final stage of a multi-stage build, heredoc, sudo',
      code: 'FROM python:3.13-slim AS build\nRUN pip install build==1.2.2 && python -m build\nFROM python:3.13-slim\nRUN <<EOF\nsudo -H pip install /tmp/app.whl\nEOF\n',
      errors: [{ line: 5, column: 9, endColumn: 20 }],
      output: 'FROM python:3.13-slim AS build\nRUN pip install build==1.2.2 && python -m build\nFROM python:3.13-slim\nRUN <<EOF\nsudo -H pip install --no-cache-dir /tmp/app.whl\nEOF\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM python:3.13-slim\nRUN pip install `\n    -r requirements.txt\n',
      errors: [{ line: 3, column: 5, endColumn: 16 }],
      output: '# escape=`\nFROM python:3.13-slim\nRUN pip install --no-cache-dir `\n    -r requirements.txt\n',
    },
  ],
});
