/**
 * What the preview panels add to a grade, on a 300-line Dockerfile with a 600-file build context:
 * the grade, then what the build-context preview and the full preview (context, image, cache) add on top.
 * Run: node test/bench/preview-cost.ts
 */
import { readFileSync } from 'node:fs';
import { grade } from '../../src/engine/exercise.ts';
import { buildModel } from '../../src/engine/model.ts';
import type { ContextFile, LintInput } from '../../src/engine/types.ts';
import { buildPreview } from '../../src/editor/panels/preview-data.ts';

const fixture = readFileSync(new URL('../fixtures/dockerfiles/php-8.3-fpm-alpine.Dockerfile', import.meta.url), 'utf8');
// a multi-stage build of about 300 lines: the fixture, then an app stage with many COPY and RUN steps
const app = ['FROM node:22-bookworm-slim AS build', 'WORKDIR /src', 'COPY package.json package-lock.json ./', 'RUN npm ci', 'COPY . .', 'RUN npm run build', 'FROM node:22-bookworm-slim'];
for (let i = 0; app.length + fixture.split('\n').length < 300; i++) app.push(i % 3 === 0 ? `COPY src/mod${i}/ ./src/mod${i}/` : i % 3 === 1 ? `RUN echo step ${i} > /tmp/s${i}` : `ENV V${i}=${i}`);
app.push('COPY --from=build /src/dist ./dist', 'USER node', 'CMD ["node", "dist/server.js"]');
const dockerfile = `${fixture}\n${app.join('\n')}\n`;
const context: ContextFile[] = [
  { path: 'package.json', size: 600, content: '{"dependencies":{"express":"5.1.0"}}' },
  { path: 'package-lock.json', size: 90_000 },
  ...Array.from({ length: 200 }, (_, i) => ({ path: `src/mod${i}/index.ts`, size: 1000 + i })),
  ...Array.from({ length: 400 }, (_, i) => ({ path: `node_modules/pkg${i % 40}/lib/f${i}.js`, size: 20_000 })),
  { path: '.env', size: 120 },
];
const input: LintInput = { dockerfile, dockerignore: 'node_modules\n.git\n**/*.log\n!keep.log\n', context };
const checks = [{ kind: 'rule' as const, label: 'x', rule: 'copy-sources-after-deps' }];

/** Times the grade and each preview separately in the same iteration; min and median resist a busy machine. */
function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  return `min ${sorted[0].toFixed(2).padStart(6)} ms   median ${sorted[Math.floor(sorted.length / 2)].toFixed(2).padStart(6)} ms`;
}

const grading: number[] = [];
const contextOnly: number[] = [];
const everything: number[] = [];
for (let i = 0; i < 80; i++) {
  const t0 = performance.now();
  const model = buildModel(dockerfile);
  const result = grade({ checks, context }, { ...input, context: undefined }, { model });
  const t1 = performance.now();
  const a = buildPreview(model, input, { context: true }, result.findings);
  const t2 = performance.now();
  const b = buildPreview(model, input, { context: true, image: { changed: ['src/mod3/index.ts'] } }, result.findings);
  const t3 = performance.now();
  if (a.error || b.error) throw new Error(a.error ?? b.error);
  if (i < 10) continue; // warm-up
  grading.push(t1 - t0);
  contextOnly.push(t2 - t1);
  everything.push(t3 - t2);
}

console.log(`${dockerfile.split('\n').length - 1} lines, ${context.length} context files`);
console.log(`grade (model + lint + checks)           ${stats(grading)}`);
console.log(`+ build-context preview                 ${stats(contextOnly)}`);
console.log(`+ context, image, layers, cache preview ${stats(everything)}`);
