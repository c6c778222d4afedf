/** The "check an answer" page: splits pasted answers by learner and grades each in the engine worker. */
import type { Check } from '../engine/exercise.ts';
import { learnerDockerignore } from '../engine/exercise-input.ts';
import type { ContextFile } from '../engine/types.ts';
import { inlineMarkdown } from '../exercises/inline-markdown.ts';
import { EngineClient } from './engine-client.ts';

interface ExerciseSummary {
  id: string;
  title: string;
  checks: Check[];
  context?: ContextFile[];
  hasIgnore: boolean;
  /** The project starts without a .dockerignore: a blank one means there is none. */
  ignoreAbsentAtStart?: boolean;
}

const SEPARATOR = /^#\s*={3,}\s*(.+?)\s*={3,}\s*$/;

/** Splits pasted text into named answers; text without separator lines is one answer. */
export function splitAnswers(text: string): { name: string; dockerfile: string }[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const answers: { name: string; lines: string[] }[] = [];
  let current: { name: string; lines: string[] } | null = null;
  for (const line of lines) {
    const m = SEPARATOR.exec(line);
    if (m) {
      current = { name: m[1], lines: [] };
      answers.push(current);
    } else {
      if (!current) {
        current = { name: 'Answer', lines: [] };
        answers.push(current);
      }
      current.lines.push(line);
    }
  }
  return answers.map((a) => ({ name: a.name, dockerfile: a.lines.join('\n').trim() + '\n' })).filter((a) => a.dockerfile.trim() !== '');
}

export function startCheckPage(): void {
  const form = document.querySelector<HTMLFormElement>('[data-check-form]');
  const results = document.querySelector<HTMLElement>('.check-results');
  const data = JSON.parse(document.getElementById('check-data')?.textContent ?? '[]') as ExerciseSummary[];
  if (!form || !results) return;
  const select = form.querySelector<HTMLSelectElement>('select[name="exercise"]')!;
  const ignoreLabel = form.querySelector<HTMLElement>('.check-ignore')!;
  const wanted = new URLSearchParams(location.search).get('exercise');
  if (wanted && data.some((e) => e.id === wanted)) select.value = wanted;
  const sync = () => {
    ignoreLabel.hidden = !data.find((e) => e.id === select.value)?.hasIgnore;
  };
  select.addEventListener('change', sync);
  sync();
  const client = new EngineClient();

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fd = new FormData(form);
    const exercise = data.find((e) => e.id === fd.get('exercise'));
    if (!exercise) return;
    const answers = splitAnswers(String(fd.get('answers') ?? ''));
    const dockerignore = String(fd.get('dockerignore') ?? '');
    results.replaceChildren();
    const heading = document.createElement('h2');
    heading.textContent = `${exercise.title}: ${answers.length} answer${answers.length === 1 ? '' : 's'}`;
    results.append(heading);
    const table = document.createElement('table');
    table.className = 'check-table';
    const head = document.createElement('tr');
    for (const label of ['Learner', 'Result', ...exercise.checks.map((c) => c.label)]) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.innerHTML = inlineMarkdown(label);
      head.append(th);
    }
    table.append(head);
    results.append(table);
    for (const answer of answers) {
      const outcome = await client.run({
        input: { dockerfile: answer.dockerfile, ...(exercise.hasIgnore ? learnerDockerignore(dockerignore, exercise.ignoreAbsentAtStart) : {}) },
        checks: exercise.checks,
        context: exercise.context,
      });
      const row = document.createElement('tr');
      const name = document.createElement('th');
      name.scope = 'row';
      name.textContent = answer.name;
      const verdict = document.createElement('td');
      row.append(name, verdict);
      if (!outcome || outcome.kind !== 'result') {
        verdict.textContent = outcome?.kind === 'timeout' ? 'checking took too long' : 'could not be checked';
      } else {
        const r = outcome.result;
        verdict.textContent = r.complete ? `complete (${r.passed}/${r.total})` : `${r.passed}/${r.total}`;
        row.dataset.complete = String(r.complete);
        for (const c of r.checks) {
          const td = document.createElement('td');
          td.dataset.passed = String(c.passed);
          td.innerHTML = c.passed ? '✓ <span class="visually-hidden">passes</span>' : `✗ <span class="check-detail">${inlineMarkdown(c.detail ?? 'fails')}</span>`;
          row.append(td);
        }
      }
      table.append(row);
    }
  });
}
