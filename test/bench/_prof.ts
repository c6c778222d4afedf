import { readFileSync, readdirSync } from 'node:fs';
import { lint } from '../../src/engine/index.ts';
const dir = '/work/main/test/fixtures/dockerfiles/';
const texts = readdirSync(dir).filter(f => f.endsWith('Dockerfile')).map(f => readFileSync(dir + f, 'utf8'));
for (let i = 0; i < 400; i++) for (const t of texts) lint(t);
