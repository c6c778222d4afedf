import { readFileSync, readdirSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
import { lint } from '/work/main/src/engine/index.ts';
import { buildModel } from '/work/main/src/engine/model.ts';
import { validate } from 'dockerfile-utils';
const dir = '/work/main/test/fixtures/dockerfiles/';
const texts = readdirSync(dir).filter(f => f.endsWith('Dockerfile')).map(f => readFileSync(dir + f, 'utf8'));
const run = (name: string, fn: (t: string) => unknown) => {
  for (let i = 0; i < 30; i++) for (const t of texts) fn(t);
  const t0 = performance.now();
  for (let i = 0; i < 200; i++) for (const t of texts) fn(t);
  console.log(name, ((performance.now() - t0) / 200).toFixed(3), 'ms/pass');
};
run('parse', (t) => DockerfileParser.parse(t));
run('model', (t) => buildModel(t));
run('lint', (t) => lint(t));
run('utils', (t) => validate(t));
