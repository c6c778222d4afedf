import rule from '../../../src/engine/rules/pip-pin-versions.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM python:3.13-slim\nRUN pip install --no-cache-dir flask==3.1.0 gunicorn==23.0.0\n' },
    { name: 'requirements files', code: 'FROM python:3.13-slim\nCOPY requirements.txt .\nRUN pip install -r requirements.txt && pip install --requirement dev.txt\n' },
    { name: 'constraints pin the named packages', code: 'FROM python:3.13-slim\nRUN pip install -c constraints.txt flask gunicorn\n' },
    { name: 'PIP_CONSTRAINT in the stage', code: 'FROM python:3.13-slim\nENV PIP_CONSTRAINT=/app/constraints.txt\nRUN pip install flask\n' },
    { name: 'bounded specifiers: compatible release, exact, capped range', code: 'FROM python:3.13-slim\nRUN pip install "django~=5.1.0" "numpy<2" "requests>=2.31,<3" "attrs===24.2.0"\n' },
    { name: 'the project itself, paths and wheels', code: 'FROM python:3.13-slim\nCOPY . /src\nRUN pip install . /src ./libs/shared dist/app-1.0-py3-none-any.whl ".[server]"\n' },
    { name: 'editable install values are paths', code: 'FROM python:3.13-slim\nRUN pip install -e . -e ./plugins/auth\n' },
    { name: 'VCS with a ref and direct URLs', code: 'FROM python:3.13-slim\nRUN pip install "git+https://github.com/org/lib.git@v1.4.2#egg=lib" "pkg @ https://example.com/pkg-1.0.tar.gz"\n' },
    { name: 'extras and a pinned version', code: 'FROM python:3.13-slim\nRUN python -m pip install "uvicorn[standard]==0.32.1"\n' },
    { name: 'variables are unknown here', code: 'FROM python:3.13-slim\nARG POETRY_VERSION=1.8.4\nRUN pip install "poetry==${POETRY_VERSION}" $EXTRA_PACKAGES\n' },
    { name: 'pip uninstall, pipx and pip download are other things', code: 'FROM python:3.13-slim\nRUN pip uninstall -y setuptools && pipx install black && pip download flask\n' },
    { name: 'index and find-links values are not packages', code: 'FROM python:3.13-slim\nRUN pip install --index-url https://pypi.example.com/simple --find-links /wheels --trusted-host pypi.example.com app==2.0.0\n' },
  ],
  invalid: [
    {
      code: 'FROM python:3.13-slim\nRUN pip install --no-cache-dir flask gunicorn==23.0.0\n',
      errors: [{ line: 2, column: 32, endLine: 2, endColumn: 37, message: 'Pin `flask` to a version: `flask==<version>`' }],
    },
    {
      name: 'a lower bound alone takes any future release',
      code: 'FROM python:3.13-slim\nRUN pip install "flask>=3"\n',
      errors: [{ line: 2, column: 17, endColumn: 27, message: 'has no upper bound' }],
    },
    {
      name: 'upgrading pip itself, through python -m pip',
      code: 'FROM python:3.13-slim\nRUN python3 -m pip install --upgrade pip setuptools wheel\n',
      errors: [
        { line: 2, column: 38, endColumn: 41, message: 'Upgrading `pip`' },
        { line: 2, column: 42, endColumn: 52, message: 'Upgrading `setuptools`' },
        { line: 2, column: 53, endColumn: 58, message: 'Upgrading `wheel`' },
      ],
    },
    {
      name: 'explicit packages next to a requirements file are still judged',
      code: 'FROM python:3.13-slim\nRUN pip install -r requirements.txt \\\n    gunicorn\n',
      errors: [{ line: 3, column: 5, endColumn: 13 }],
    },
    {
      name: 'VCS install following the default branch (userinfo is not a ref)',
      code: 'FROM python:3.13-slim\nRUN pip3 install git+ssh://git@github.com/org/lib.git\n',
      errors: [{ line: 2, column: 18, endColumn: 54, message: 'follows the default branch' }],
    },
    {
      name: 'builder stage of a multi-stage build, heredoc',
      code: 'FROM python:3.13-slim AS build\nRUN <<EOF\npython -m venv /venv\n/venv/bin/pip install poetry\nEOF\nFROM python:3.13-slim\nCOPY --from=build /venv /venv\n',
      errors: [{ line: 4, column: 23, endColumn: 29 }],
    },
    {
      name: 'sudo and an environment assignment',
      code: 'FROM ubuntu:24.04\nRUN PIP_BREAK_SYSTEM_PACKAGES=1 sudo -H pip3 install ansible\n',
      errors: [{ line: 2, column: 54, endColumn: 61 }],
    },
  ],
});
