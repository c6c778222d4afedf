import rule from '../../../src/engine/rules/logs-to-stdout.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM python:3.13-slim\nCMD ["gunicorn", "--access-logfile", "-", "--error-logfile", "-", "app:app"]\n' },
    { name: 'redirects to the streams', code: 'FROM alpine:3.20\nCMD exec /app/server >/dev/stdout 2>&1\n' },
    { name: 'tee still writes to stdout', code: 'FROM alpine:3.20\nCMD /app/server 2>&1 | tee -a /var/log/app.log\n' },
    { name: 'log files linked to the streams', code: 'FROM debian:12-slim\nRUN ln -sf /dev/stdout /var/log/app.log\nCMD ["/app/server", "--log-file", "/var/log/app.log"]\n' },
    { name: 'nginx default paths (linked in the official image)', code: 'FROM nginx:1.27\nRUN sed -i "s#access_log /dev/stdout#access_log /var/log/nginx/access.log#" /etc/nginx/nginx.conf\n' },
    { name: 'nginx logging to the streams', code: 'FROM nginx:1.27\nCOPY <<EOF /etc/nginx/conf.d/default.conf\nserver {\n  access_log /dev/stdout;\n  error_log /dev/stderr warn;\n}\nEOF\n' },
    { name: 'variables: unsure', code: 'FROM python:3.13-slim\nCMD gunicorn --access-logfile "$LOG_DIR/access.log" app:app\n' },
    { name: 'RUN output redirected at build time', code: 'FROM debian:12-slim\nRUN ./configure > /tmp/configure.log 2>&1\nCMD ["/app/server"]\n' },
    { name: 'a builder stage', code: 'FROM python:3.13-slim AS test\nCMD pytest > /reports/test.log\nFROM python:3.13-slim\nCMD ["python", "app.py"]\n' },
    { name: 'discarding output is another matter', code: 'FROM alpine:3.20\nCMD /app/server > /dev/null\n' },
  ],
  invalid: [
    {
      name: 'appending to a file in a shell-form CMD',
      code: 'FROM python:3.13-slim\nCMD python app.py >> /var/log/app.log 2>&1\n',
      errors: [{ line: 2, column: 22, endLine: 2, endColumn: 38, message: 'The output goes to /var/log/app.log inside the container' }],
    },
    {
      name: 'gunicorn --access-logfile to a file, exec form',
      code: 'FROM python:3.13-slim\nCMD ["gunicorn", "--access-logfile", "/var/log/gunicorn/access.log", "app:app"]\n',
      errors: [{ line: 2, column: 39, endColumn: 67, message: '(gunicorn: `--access-logfile -`)' }],
    },
    {
      name: '--log-file=path with an ENTRYPOINT',
      code: 'FROM python:3.13-slim\nENTRYPOINT ["uwsgi"]\nCMD ["--ini", "app.ini", "--logto=/var/log/uwsgi.log"]\n',
      errors: [{ line: 3, column: 35, endColumn: 53, message: '`--logto` sends the log to /var/log/uwsgi.log' }],
    },
    {
      name: 'shell form with a quoted value',
      code: 'FROM redis:7\nCMD redis-server --logfile "/data/redis.log"\n',
      errors: [{ line: 2, column: 29, endColumn: 44 }],
    },
    {
      name: 'nginx access_log to a custom file in a heredoc',
      code: 'FROM nginx:1.27\nCOPY <<EOF /etc/nginx/conf.d/default.conf\nserver {\n  listen 8080;\n  access_log /var/log/nginx/site.access.log main;\n}\nEOF\n',
      errors: [{ line: 5, column: 14, endColumn: 44, message: 'Use `access_log /dev/stdout;`' }],
    },
    {
      name: 'nginx -g directive in CMD',
      code: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off; error_log /var/log/app-error.log;"]\n',
      errors: [{ line: 2, column: 44, endColumn: 66, message: '`error_log /dev/stderr;`' }],
    },
    {
      name: 'Apache CustomLog via RUN, continued line',
      code: 'FROM httpd:2.4\nRUN echo \'CustomLog "/usr/local/apache2/logs/app.log" combined\' \\\n      >> /usr/local/apache2/conf/httpd.conf\n',
      errors: [{ line: 2, column: 22, endColumn: 53, message: '`CustomLog /proc/self/fd/1 combined`' }],
    },
    {
      name: 'CMD in the stage the final one builds on',
      code: 'FROM node:22-alpine AS base\nCMD node server.js > /app/server.log\nFROM base\nCOPY . /app\n',
      errors: [{ line: 2, column: 22, endColumn: 37 }],
    },
  ],
});
