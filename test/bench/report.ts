/**
 * Shared by the benchmarks: statistics, the machine's description, and docs/performance.md, where
 * each benchmark rewrites its own section (between `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`)
 * and leaves the others as they are. BENCH_WRITE=0 prints without touching the file.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';

export const DOC = new URL('../../docs/performance.md', import.meta.url).pathname;

/** The sections, in the order the page shows them, with the command that fills each. */
const SECTIONS: { name: string; title: string; command: string }[] = [
  { name: 'engine', title: 'Engine: Shipshape and its peers in one Node process', command: 'npm run bench' },
  { name: 'cli', title: 'CLI: whole-process time of `shipshape lint`', command: 'npm run bench:cli' },
  { name: 'web', title: 'Browser: from an edit to feedback on screen', command: 'npm run bench:web' },
  { name: 'lighthouse', title: 'Lighthouse scores of the built site', command: 'npm run bench:lighthouse' },
  { name: 'build', title: 'Building the course', command: 'npm run bench:build' },
];

const HEADER = `# Performance

What Shipshape costs, measured by the benchmarks in \`test/bench/\`, which rewrite this page: each
command below replaces its own section (between the \`bench:\` markers) and leaves the others as they
were, so sections can come from different days; each says which machine and when. Benchmarks print
figures and ratios and are never timed tests (a busy machine would make them flake); the budgets that
are deterministic (page weight) are tests, in \`test/e2e/budgets.spec.ts\`.

Reproduce on your machine (Node >= 22.18; Chromium for the browser ones; nginx for Lighthouse):

\`\`\`sh
npm install
npm run bench             # engine vs dockerfile-ast, dockerfile-utils, dockerfilelint
SHIPSHAPE_CORPUS=~/dockerfiles npm run bench   # ... adding every file of a folder to the corpus
npm run bench:cli         # shipshape lint, whole process
npm run build && npm run bench:web          # edit-to-feedback latency in Chromium
npm run build && npm run bench:lighthouse   # Lighthouse, desktop and mobile
npm run bench:build       # astro build of the whole course
\`\`\`

Figures from a shared machine move from run to run: compare ratios measured in the same run rather than
times across runs. A figure with its target says PASS or MISS.
`;

function skeleton(): string {
  return [HEADER, ...SECTIONS.map((s) => `## ${s.title}\n\n<!-- bench:${s.name} -->\nNot measured yet: run \`${s.command}\`.\n<!-- /bench:${s.name} -->\n`)].join('\n');
}

/** Replaces one section of docs/performance.md (creating the page or the section when missing). */
export function writeSection(name: string, markdown: string): void {
  if (process.env.BENCH_WRITE === '0') return;
  const section = SECTIONS.find((s) => s.name === name);
  if (!section) throw new Error(`unknown section ${name}`);
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : skeleton();
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const body = `${open}\n${markdown.trim()}\n${close}`;
  const a = doc.indexOf(open);
  const b = doc.indexOf(close);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + body + doc.slice(b + close.length);
  else doc = `${doc.trimEnd()}\n\n## ${section.title}\n\n${body}\n`;
  writeFileSync(DOC, doc);
  console.log(`\nwrote the "${name}" section of docs/performance.md`);
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  date: string;
  load: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: (cpus[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim(),
    cores: typeof os.availableParallelism === 'function' ? os.availableParallelism() : cpus.length,
    memoryGiB: Math.round(os.totalmem() / 1024 ** 3),
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    load: os.loadavg().map((n) => n.toFixed(1)).join(' '),
  };
}

export function machineLine(m: Machine = machine(), extra = ''): string {
  return `Measured ${m.date} on ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.os}${extra}; load average at the start ${m.load}.`;
}

/** p-th percentile (0..100) by nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export const median = (values: readonly number[]) => percentile(values, 50);
/** The arithmetic mean (NaN for no values). */
export const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;

export function ms(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  if (n >= 1000) return `${(n / 1000).toFixed(2)} s`;
  if (n >= 100) return `${n.toFixed(0)} ms`;
  if (n >= 10) return `${n.toFixed(1)} ms`;
  if (n >= 1) return `${n.toFixed(2)} ms`;
  return `${n.toFixed(3)} ms`;
}

export function ratio(n: number): string {
  return Number.isFinite(n) ? `${n.toFixed(2)}x` : 'n/a';
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');

/** A Markdown table; also readable as plain text in a terminal. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`, ...rows.map(line)].join('\n');
}
