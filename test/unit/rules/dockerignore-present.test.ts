import rule from '../../../src/engine/rules/dockerignore-present.ts';
import { runRuleTests } from '../../helpers/rule-tester.ts';

const node = 'FROM node:22-slim\nWORKDIR /app\nCOPY . .\nCMD ["node", "server.js"]\n';
const project = [
  { path: 'server.js', size: 1200 },
  { path: 'package.json', size: 400 },
  { path: 'node_modules/express/index.js', size: 90000 },
  { path: '.git/HEAD', size: 23 },
  { path: '.git/objects/ab/cdef', size: 4096 },
];

runRuleTests(rule, {
  valid: [
    { name: 'a .dockerignore exists', code: node, context: project, dockerignore: '.git\nnode_modules\n' },
    { name: 'an empty .dockerignore still exists (other rules judge its content)', code: node, context: project, dockerignore: '' },
    { name: 'the context is unknown', code: node },
    { name: 'the context is unknown, even with a .dockerignore', code: node, dockerignore: '.git\n' },
  ],
  invalid: [
    {
      name: 'reported on the first line, with size and what is being sent',
      code: node,
      context: project,
      errors: [
        {
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 18,
          file: 'Dockerfile',
          message: 'There is no .dockerignore, so the build context is the whole directory: 5 files, 93 KB, including `.git` and `node_modules`. Add a .dockerignore',
        },
      ],
    },
    {
      name: 'a first line that is a comment',
      code: '# syntax=docker/dockerfile:1\nFROM alpine:3.21\nCOPY site /srv\n',
      context: [{ path: 'site/index.html', size: 500 }],
      errors: [{ line: 1, column: 1, endColumn: 29, message: '1 file, 500 B. Add a .dockerignore next to the Dockerfile' }],
    },
    {
      name: 'an empty context is still a context',
      code: 'FROM alpine:3.21\n',
      context: [],
      errors: [{ line: 1, column: 1, message: '0 files, 0 B' }],
    },
    {
      name: 'three notable entries are listed',
      code: node,
      context: [...project, { path: '.env', size: 80 }],
      errors: [{ line: 1, column: 1, message: 'including `.git`, `node_modules` and `.env`' }],
    },
  ],
});
