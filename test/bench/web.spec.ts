/**
 * The browser benchmark (npm run bench:web, never part of the test suite): a learner types into a
 * 300-line Dockerfile in a lesson's exercise (Monaco, Chromium), one key at a time, and the page's own
 * Performance measure `shipshape:edit-to-feedback` (src/editor/exercise-controller.ts: from the
 * graded edit, after the debounce, through the worker's grade to the markers and the checklist on
 * screen) is read back for every edit. Prints p50/p95 and the debounce constants read from the
 * source; rewrites the "web" section of docs/performance.md. BENCH_EDITS=n sets the number of edits;
 * BENCH_TREND=1 also prints medians per 20 edits (how the worker's code warms up).
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { machine, machineLine, ms, percentile, table, verdict, writeSection } from './report.ts';
import { generateLargeDockerfile } from './samples.ts';
import { pasteInto, storedDocument } from '../e2e/helpers.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const LESSON = '/07-multi-stage-builds/';
const EDITS = Number(process.env.BENCH_EDITS ?? 60);
const WARMUP = 5;
/** Time between the editor appearing and the first edit (BENCH_READING_MS). */
const READING_MS = Number(process.env.BENCH_READING_MS ?? 2000);
const MEASURE = 'shipshape:edit-to-feedback';

function debounceOf(file: string): number | undefined {
  const m = /\bDEBOUNCE_MS\s*=\s*(\d[\d_]*)/.exec(readFileSync(`${ROOT}${file}`, 'utf8'));
  return m ? Number(m[1].replaceAll('_', '')) : undefined;
}

test('edit-to-feedback on a 300-line Dockerfile', async ({ page, browser }) => {
  const m = machine();
  const text = generateLargeDockerfile(300);
  // the engine's own time in the worker, from each grade's response (protocol.ts: GradeResponse.ms)
  await page.addInitScript(() => {
    const w = window as unknown as { gradeMs: number[] };
    w.gradeMs = [];
    const Original = window.Worker;
    window.Worker = class extends Original {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.addEventListener('message', (e: MessageEvent) => {
          const ms = (e.data as { ms?: unknown } | null)?.ms;
          if (typeof ms === 'number') w.gradeMs.push(ms);
        });
      }
    };
  });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(LESSON);
  const ex = page.locator('section.exercise').first();
  await ex.scrollIntoViewIfNeeded();
  await expect(ex).toHaveAttribute('data-mounted', 'monaco', { timeout: 60_000 });
  await expect(ex).toHaveAttribute('data-grade', /\d+\/\d+/, { timeout: 60_000 });
  // a learner reads the prompt before typing: the worker warms its code up meanwhile (engine.worker.ts)
  await page.waitForTimeout(READING_MS);

  // the moment of every key press, as the page sees it
  await page.evaluate(() => {
    const w = window as unknown as { lastKey: number };
    w.lastKey = 0;
    document.addEventListener('keydown', () => (w.lastKey = performance.now()), { capture: true });
  });
  // waiting for the next measure must not cost the page anything: a PerformanceObserver in the page
  // resolves a promise (polling from here every few ms took a core of a 2-core machine, and the worker
  // measured its grade three times slower while the test polled)
  const armNext = () =>
    page.evaluate((name) => {
      const w = window as unknown as { nextMeasure: Promise<void> };
      w.nextMeasure = new Promise<void>((resolve) => {
        const observer = new PerformanceObserver((list) => {
          if (list.getEntriesByName(name).length === 0) return;
          observer.disconnect();
          resolve();
        });
        observer.observe({ entryTypes: ['measure'] });
      });
    }, MEASURE);
  const waitForNext = () => page.evaluate(() => (window as unknown as { nextMeasure: Promise<void> }).nextMeasure);

  // replace the starter with the 300-line file
  await armNext();
  await pasteInto(page, ex, text);
  await waitForNext();
  // the editor holds exactly the generated file (typed text would be re-indented line after line)
  const saved = async () => Object.values((await storedDocument(page))?.exercises ?? {}).map((e) => e.files.Dockerfile);
  await expect.poll(saved, { message: 'the pasted text arrived unchanged' }).toContain(text);
  // the generated file installs unpinned apt packages, the starter does not: the new text is graded
  await expect(ex).toHaveAttribute('data-marked', /(^| )apt-pin-versions( |$)/);

  // one key at a time at the end of the file (a character, then Backspace, so the text stays the same size),
  // waiting for each edit's feedback before the next key
  await page.keyboard.press('Control+End');
  const durations: number[] = [];
  const keyToFeedback: number[] = [];
  const engine: number[] = [];
  for (let i = 0; i < EDITS + WARMUP; i++) {
    await armNext();
    await page.keyboard.press(i % 2 === 0 ? 'x' : 'Backspace');
    await waitForNext();
    const { duration, end, key, grade } = await page.evaluate((name) => {
      const all = performance.getEntriesByName(name);
      const last = all[all.length - 1];
      const w = window as unknown as { lastKey: number; gradeMs: number[] };
      return { duration: last.duration, end: last.startTime + last.duration, key: w.lastKey, grade: w.gradeMs[w.gradeMs.length - 1] };
    }, MEASURE);
    if (i < WARMUP) continue;
    durations.push(duration);
    keyToFeedback.push(end - key);
    if (typeof grade === 'number') engine.push(grade);
  }

  if (process.env.BENCH_TREND) console.log('grade p50 by 20 edits:', Array.from({ length: Math.ceil(engine.length / 20) }, (_, i) => percentile(engine.slice(i * 20, i * 20 + 20), 50).toFixed(1)).join(' '), ' edit-to-feedback p50 by 20 edits:', Array.from({ length: Math.ceil(durations.length / 20) }, (_, i) => percentile(durations.slice(i * 20, i * 20 + 20), 50).toFixed(1)).join(' '));
  const debounceLesson = debounceOf('src/editor/exercise-controller.ts');
  const debouncePlayground = debounceOf('src/editor/playground.ts');
  const debounce = Math.max(debounceLesson ?? 0, debouncePlayground ?? 0);
  const p50 = percentile(durations, 50);
  const p95 = percentile(durations, 95);
  const t = table(
    ['Measure', 'p50', 'p95', 'max'],
    [
      [`\`${MEASURE}\` (edit after the debounce to feedback on screen)`, ms(p50), ms(p95), ms(Math.max(...durations))],
      ...(engine.length ? [['of which the engine in the worker (`grade`, the worker\'s own clock)', ms(percentile(engine, 50)), ms(percentile(engine, 95)), ms(Math.max(...engine))]] : []),
      ['key press to feedback on screen (debounce included)', ms(percentile(keyToFeedback, 50)), ms(percentile(keyToFeedback, 95)), ms(Math.max(...keyToFeedback))],
    ],
  );
  const targets = [
    `- **${verdict(p95 < 16)}** p95 of \`${MEASURE}\` under 16 ms (one frame at 60 Hz): ${ms(p95)}`,
    `- **${verdict(debounce > 0 && debounce <= 150)}** debounce at most 150 ms: lessons \`DEBOUNCE_MS = ${debounceLesson ?? '?'}\` (src/editor/exercise-controller.ts), playground \`DEBOUNCE_MS = ${debouncePlayground ?? '?'}\` (src/editor/playground.ts)`,
  ];
  const chromium = browser.version();
  const served = process.env.SHIPSHAPE_SERVED_BY ?? 'the built site';
  console.log(
    [
      '',
      machineLine(m, `, Chromium ${chromium}`),
      `${EDITS} edits (after ${WARMUP} warm-up edits) at the end of a 300-line Dockerfile in the first exercise of ${LESSON}, served by ${served}:`,
      t,
      'Targets:',
      ...targets.map((x) => x.replaceAll('**', '')),
    ].join('\n'),
  );
  writeSection(
    'web',
    [
      machineLine(m, `, Chromium ${chromium} (headless)`),
      '',
      `A learner's edits, one key at a time, at the end of a 300-line Dockerfile (\`generateLargeDockerfile(300)\`) in the first exercise of \`${LESSON}\`, in Monaco, ` +
        `site served by ${served}; the first edit ${READING_MS / 1000} s after the exercise is graded (a learner reading the prompt; the worker warms up meanwhile), ` +
        `${EDITS} edits after ${WARMUP} warm-up edits, each waited for before the next. ` +
        `\`${MEASURE}\` is the page's own Performance measure: from the graded edit (after the debounce) through the engine worker's grade to the markers and checklist applied.`,
      '',
      t,
      '',
      'Targets:',
      '',
      ...targets,
    ].join('\n'),
  );
});
