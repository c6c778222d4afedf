/** Fills the course map with the learner's progress from this browser's saved document. */
import { progressStore } from './progress.ts';

export function readProgressSummary(): void {
  const store = progressStore();
  const done = (id: string) => store.exercise(id)?.completed === true;
  let total = 0;
  let completed = 0;
  for (const card of Array.from(document.querySelectorAll<HTMLElement>('.lesson-card'))) {
    const ids = JSON.parse(card.dataset.exercises ?? '[]') as string[];
    const n = ids.filter(done).length;
    total += ids.length;
    completed += n;
    const label = card.querySelector('.lesson-done');
    if (label) label.textContent = `${n} of ${ids.length} exercises done`;
    if (ids.length > 0 && n === ids.length) card.dataset.state = 'done';
    else if (n > 0 || ids.some((id) => store.exercise(id))) card.dataset.state = 'started';
  }
  const bar = document.querySelector<HTMLElement>('.progress-bar');
  const fill = document.querySelector<HTMLElement>('.progress-fill');
  const text = document.querySelector<HTMLElement>('.progress-text');
  if (bar && fill && text && total > 0) {
    bar.setAttribute('aria-valuenow', String(completed));
    fill.style.width = `${Math.round((completed / total) * 100)}%`;
    if (completed > 0) text.textContent = `${completed} of ${total} exercises done`;
  }
  const last = store.document.lastLesson;
  const link = document.querySelector<HTMLAnchorElement>('.continue-link');
  if (last && link && document.querySelector(`[data-lesson="${CSS.escape(last)}"]`)) {
    link.href = link.href.replace(/[^/]+\/$/, `${last}/`);
    link.textContent = `Continue with lesson ${last.slice(0, 2)}`;
  }
  if (store.problems.length > 0) {
    const note = document.createElement('p');
    note.className = 'storage-note';
    note.setAttribute('role', 'status');
    note.textContent = store.backupKey
      ? 'Your saved progress could not be read, so it was kept aside (not deleted) and a fresh record started.'
      : 'This browser is not saving progress (storage is off or full): your work lasts until you close the tab.';
    document.querySelector('.course-progress')?.append(note);
  }
}
