import rule from '../../../src/engine/rules/no-dev-server.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const packageJson = (scripts: Record<string, string>) => [{ path: 'package.json', size: 100, content: JSON.stringify({ name: 'web', scripts }) }];

runRuleTests(rule, {
  valid: [
    { name: 'gunicorn', code: 'FROM python:3.13-slim\nCMD ["gunicorn", "-b", "0.0.0.0:8000", "app:app"]\n' },
    { name: 'uvicorn with workers', code: 'FROM python:3.13-slim\nCMD uvicorn app:app --host 0.0.0.0 --workers 4\n' },
    { name: 'node server', code: 'FROM node:22-alpine\nCMD ["node", "server.js"]\n' },
    { name: 'vite build in a builder stage', code: 'FROM node:22 AS build\nRUN npx vite build\nCMD ["vite"]\nFROM nginx:1.27\nCOPY --from=build /app/dist /usr/share/nginx/html\n' },
    { name: 'next start', code: 'FROM node:22-alpine\nCMD ["npx", "next", "start"]\n' },
    { name: 'flask is only a word here', code: 'FROM python:3.13-slim\nCMD ["gunicorn", "flask_app:app"]\n' },
    { name: 'flask with a different command', code: 'FROM python:3.13-slim\nCMD ["flask", "db", "upgrade"]\n' },
    { name: 'manage.py migrate then gunicorn', code: 'FROM python:3.13-slim\nCMD python manage.py migrate && exec gunicorn mysite.wsgi\n' },
    { name: 'npm start without package.json is not judged', code: 'FROM node:22-alpine\nCMD ["npm", "start"]\n' },
    {
      name: 'npm start that package.json resolves to node',
      code: 'FROM node:22-alpine\nCMD ["npm", "start"]\n',
      context: packageJson({ start: 'node server.js', dev: 'nodemon server.js' }),
    },
    { name: 'RUN is not what the container starts', code: 'FROM node:22-alpine\nRUN npm run dev -- --help || true\nCMD ["node", "server.js"]\n' },
    { name: 'an overridden CMD', code: 'FROM python:3.13-slim\nCMD ["flask", "run"]\nCMD ["gunicorn", "app:app"]\n' },
    { name: 'php-fpm', code: 'FROM php:8.3-fpm\nCMD ["php-fpm"]\n' },
    { name: 'hugo builds, nginx serves', code: 'FROM hugomods/hugo:0.139 AS build\nRUN hugo --minify\nFROM nginx:1.27\nCOPY --from=build /src/public /usr/share/nginx/html\n' },
    { name: 'webpack build', code: 'FROM node:22-alpine\nCMD ["webpack", "--mode", "production"]\n' },
  ],
  invalid: [
    {
      name: 'flask run, exec form',
      code: 'FROM python:3.13-slim\nCMD ["flask", "run", "--host=0.0.0.0"]\n',
      errors: [{ line: 2, column: 6, endLine: 2, endColumn: 20, message: "`flask run` is Flask's development server, not a production server. Instead, run a production WSGI server" }],
    },
    {
      name: 'flask run with global options, shell form',
      code: 'FROM python:3.13-slim\nCMD flask --app web run --debug\n',
      errors: [{ line: 2, column: 5, endColumn: 24 }],
    },
    {
      name: 'python -m flask run',
      code: 'FROM python:3.13-slim\nCMD ["python", "-m", "flask", "run"]\n',
      errors: [{ line: 2, column: 22, endColumn: 36 }],
    },
    {
      name: 'manage.py runserver',
      code: 'FROM python:3.13-slim\nCMD ["python", "manage.py", "runserver", "0.0.0.0:8000"]\n',
      errors: [{ line: 2, column: 6, endColumn: 40, message: "`manage.py runserver` is Django's development server" }],
    },
    {
      name: 'runserver after a migration in a shell chain',
      code: 'FROM python:3.13-slim\nCMD python manage.py migrate && python manage.py runserver 0.0.0.0:8000\n',
      errors: [{ line: 2, column: 33, endColumn: 59, message: 'gunicorn' }],
    },
    {
      name: 'npm run dev',
      code: 'FROM node:22-alpine\nCMD ["npm", "run", "dev"]\n',
      errors: [{ line: 2, column: 6, endColumn: 25, message: '`npm run dev` starts the `dev` script' }],
    },
    { name: 'yarn dev', code: 'FROM node:22-alpine\nCMD yarn dev\n', errors: [{ line: 2, column: 5, endColumn: 13 }] },
    { name: 'pnpm run start:dev (NestJS)', code: 'FROM node:22-alpine\nCMD ["pnpm", "run", "start:dev"]\n', errors: [{ line: 2, column: 6 }] },
    {
      name: 'npm start that package.json resolves to a dev server',
      code: 'FROM node:22-alpine\nCMD ["npm", "start"]\n',
      context: packageJson({ start: 'react-scripts start' }),
      errors: [{ line: 2, column: 6, endColumn: 20, message: '`npm start` runs `react-scripts start`' }],
    },
    { name: 'nodemon through npx', code: 'FROM node:22-alpine\nCMD ["npx", "nodemon", "server.js"]\n', errors: [{ line: 2, column: 13, endColumn: 22, message: '`nodemon` restarts the app' }] },
    { name: 'node --watch', code: 'FROM node:22-alpine\nCMD ["node", "--watch", "server.js"]\n', errors: [{ line: 2, column: 6, endColumn: 23 }] },
    { name: 'ng serve', code: 'FROM node:22-alpine\nCMD ng serve --host 0.0.0.0\n', errors: [{ line: 2, column: 5, endColumn: 13, message: 'ng build' }] },
    { name: 'bare vite', code: 'FROM node:22-alpine\nCMD ["vite", "--host"]\n', errors: [{ line: 2, column: 6, endColumn: 12, message: 'vite build' }] },
    { name: 'vite preview', code: 'FROM node:22-alpine\nCMD ["npx", "vite", "preview"]\n', errors: [{ line: 2, column: 13, endColumn: 30, message: 'not meant as a production server' }] },
    { name: 'webpack serve', code: 'FROM node:22-alpine\nCMD ["webpack", "serve"]\n', errors: [{ line: 2, column: 6, endColumn: 24 }] },
    { name: 'webpack-dev-server', code: 'FROM node:22-alpine\nCMD webpack-dev-server --port 8080\n', errors: [{ line: 2, column: 5, endColumn: 23 }] },
    { name: 'next dev', code: 'FROM node:22-alpine\nCMD ["next", "dev"]\n', errors: [{ line: 2, column: 6, endColumn: 19, message: 'next start' }] },
    {
      name: 'uvicorn --reload behind an ENTRYPOINT',
      code: 'FROM python:3.13-slim\nENTRYPOINT ["uvicorn"]\nCMD ["app:app", "--reload", "--host", "0.0.0.0"]\n',
      errors: [{ line: 3, column: 17, endColumn: 27, message: 'drop `--reload`' }],
    },
    {
      name: 'uvicorn --reload through python -m',
      code: 'FROM python:3.13-slim\nCMD python -m uvicorn main:app --reload\n',
      errors: [{ line: 2, column: 15, endColumn: 40 }],
    },
    { name: 'python -m http.server', code: 'FROM python:3.13-alpine\nCMD ["python3", "-m", "http.server", "8000"]\n', errors: [{ line: 2, column: 23, endColumn: 36, message: 'nginx' }] },
    { name: 'php -S', code: 'FROM php:8.3-cli\nCMD ["php", "-S", "0.0.0.0:8000", "-t", "public"]\n', errors: [{ line: 2, column: 6, endColumn: 17, message: 'php-fpm' }] },
    { name: 'php artisan serve', code: 'FROM php:8.3-cli\nCMD php artisan serve --host=0.0.0.0\n', errors: [{ line: 2, column: 5, endColumn: 22 }] },
    { name: 'hugo server', code: 'FROM hugomods/hugo:0.139\nCMD ["hugo", "server", "--bind", "0.0.0.0"]\n', errors: [{ line: 2, column: 6, endColumn: 22 }] },
    { name: 'bundle exec jekyll serve', code: 'FROM ruby:3.3\nCMD ["bundle", "exec", "jekyll", "serve"]\n', errors: [{ line: 2, column: 24, endColumn: 41 }] },
    {
      name: 'a sh -c wrapper in exec form',
      code: 'FROM node:22-alpine\nCMD ["sh", "-c", "npm run migrate && npm run dev"]\n',
      errors: [{ line: 2, column: 38, endColumn: 49 }],
    },
    {
      name: 'an entrypoint script that runs its arguments',
      code: 'FROM node:22-alpine\nENTRYPOINT ["docker-entrypoint.sh"]\nCMD ["npm", "run", "dev"]\n',
      errors: [{ line: 3, column: 6, endColumn: 25 }],
    },
    {
      name: 'CMD inherited from the stage the final one builds on',
      code: 'FROM python:3.13-slim AS base\nCMD ["flask", "run"]\nFROM base\nCOPY . /app\n',
      errors: [{ line: 2, column: 6, endColumn: 20 }],
    },
    {
      name: 'line continuation in shell form',
      code: 'FROM python:3.13-slim\nCMD flask \\\n    run --host 0.0.0.0\n',
      errors: [{ line: 2, column: 5, endLine: 3, endColumn: 8 }],
    },
  ],
});
