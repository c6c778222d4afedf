import rule from '../../../src/engine/rules/healthcheck-fails-on-error.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

runRuleTests(rule, {
  valid: [
    { code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n' },
    { name: '--fail', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl --fail http://localhost/\n' },
    { name: '--fail-with-body', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl --fail-with-body -sS http://localhost/\n' },
    { name: '-f inside a cluster', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -sSf http://localhost/\n' },
    { name: '-f after options with values', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -m 2 -H "Host: example.com" -fsS http://localhost/\n' },
    { name: 'exec form', code: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n' },
    { name: 'wget fails on HTTP errors by itself', code: 'FROM alpine:3.20\nHEALTHCHECK CMD wget -q --spider http://localhost:8080/ || exit 1\n' },
    { name: 'curl piped into grep judges the body', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -s http://localhost/health | grep -q ok\n' },
    { name: 'HEALTHCHECK NONE', code: 'FROM nginx:1.27\nHEALTHCHECK NONE\n' },
    { name: 'overridden HEALTHCHECK is not in effect', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl http://localhost/\nHEALTHCHECK CMD curl -f http://localhost/\n' },
    { name: 'a builder stage is not the image', code: 'FROM nginx:1.27 AS test\nHEALTHCHECK CMD curl http://localhost/\nFROM nginx:1.27\n' },
    { name: 'an f inside a value is not -f', code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -o /dev/null -w "%{http_code}" -sf http://localhost/\n' },
  ],
  invalid: [
    {
      name: 'plain curl with || exit 1',
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s --timeout=3s CMD curl http://localhost/ || exit 1\n',
      errors: [{ line: 2, column: 45, endLine: 2, endColumn: 49, message: 'Add `-f` (`--fail`)' }],
      output: 'FROM nginx:1.27\nHEALTHCHECK --interval=30s --timeout=3s CMD curl -f http://localhost/ || exit 1\n',
    },
    {
      name: 'exec form: a new JSON string',
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "http://localhost/"]\n',
      errors: [{ line: 2, column: 18, endColumn: 24 }],
      output: 'FROM nginx:1.27\nHEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\n',
    },
    {
      name: 'curl with -s only, and an -o value containing f',
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -s -ofile http://localhost/\n',
      errors: [{ line: 2, column: 17 }],
      output: 'FROM nginx:1.27\nHEALTHCHECK CMD curl -f -s -ofile http://localhost/\n',
    },
    {
      name: 'sh -c in exec form',
      code: 'FROM nginx:1.27\nHEALTHCHECK CMD ["sh", "-c", "curl -s http://localhost/ && echo ok"]\n',
      errors: [{ line: 2, column: 31, endColumn: 35 }],
      output: 'FROM nginx:1.27\nHEALTHCHECK CMD ["sh", "-c", "curl -f -s http://localhost/ && echo ok"]\n',
    },
    {
      name: 'continued line, full path to curl',
      code: 'FROM nginx:1.27\nHEALTHCHECK --interval=5s \\\n  CMD /usr/bin/curl --silent http://localhost:8080/ || exit 1\n',
      errors: [{ line: 3, column: 7, endColumn: 20 }],
      output: 'FROM nginx:1.27\nHEALTHCHECK --interval=5s \\\n  CMD /usr/bin/curl -f --silent http://localhost:8080/ || exit 1\n',
    },
    {
      name: 'HEALTHCHECK in the stage the final one builds on',
      code: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl http://localhost/\nFROM base\nCOPY site/ /usr/share/nginx/html/\n',
      errors: [{ line: 2, column: 17 }],
      output: 'FROM nginx:1.27 AS base\nHEALTHCHECK CMD curl -f http://localhost/\nFROM base\nCOPY site/ /usr/share/nginx/html/\n',
    },
  ],
});
