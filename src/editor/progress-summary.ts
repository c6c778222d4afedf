/**
 * The course map's view of the learner's progress, read from this browser's saved document: each
 * lesson's completion, the course progress bar, "continue where you left off", and a notice when
 * progress cannot be saved or a saved document could not be read. Kept live: another tab's progress
 * shows up here without a reload.
 */
import { progressStore, type ProgressDocument, type ProgressStore } from './progress.ts';

export interface LessonSummary {
  slug: string;
  /** "03" */
  number: string;
  title: string;
  exercises: string[];
}

export type ContinueTarget =
  | { kind: 'start'; lesson: LessonSummary }
  | { kind: 'resume'; lesson: LessonSummary }
  | { kind: 'next'; lesson: LessonSummary }
  | { kind: 'finished' };

const isDone = (doc: ProgressDocument, id: string) => doc.exercises[id]?.completed === true;
const unfinished = (doc: ProgressDocument, l: LessonSummary) => l.exercises.some((id) => !isDone(doc, id));

/**
 * Where "continue" goes: the last lesson worked in while it has unfinished exercises; else the next
 * lesson after it (wrapping around) with unfinished exercises. A last lesson this course no longer
 * has (renamed, or built without it) counts as no last lesson.
 */
export function continueTarget(lessons: LessonSummary[], doc: ProgressDocument): ContinueTarget {
  const withExercises = lessons.filter((l) => l.exercises.length > 0);
  if (withExercises.length === 0) return lessons[0] ? { kind: 'start', lesson: lessons[0] } : { kind: 'finished' };
  const known = new Set(lessons.flatMap((l) => l.exercises));
  const anyWork = Object.keys(doc.exercises).some((id) => known.has(id));
  const lastIndex = withExercises.findIndex((l) => l.slug === doc.lastLesson);
  if (lastIndex < 0 && !anyWork) return { kind: 'start', lesson: withExercises[0] };
  if (lastIndex >= 0 && unfinished(doc, withExercises[lastIndex])) return { kind: 'resume', lesson: withExercises[lastIndex] };
  const from = Math.max(lastIndex, -1) + 1;
  for (let k = 0; k < withExercises.length; k++) {
    const lesson = withExercises[(from + k) % withExercises.length];
    if (unfinished(doc, lesson)) return { kind: lastIndex < 0 ? 'resume' : 'next', lesson };
  }
  return { kind: 'finished' };
}

/** What the course map says about storage, or null when all is well. */
export function storageMessage(store: Pick<ProgressStore, 'problems' | 'backupKey' | 'isPersistent'>): string | null {
  if (store.problems.includes('newer')) {
    return 'Your progress was saved by a newer version of this course (open in another tab?). Reload this page to continue with it; until then, nothing you do here is saved.';
  }
  if (store.backupKey) {
    return 'Your saved progress could not be read, so it was set aside (not deleted) and a fresh record started. You can download the set-aside copy, or import an exported file below.';
  }
  if (!store.isPersistent || store.problems.includes('unavailable')) {
    return 'This browser is not saving your progress (storage for this site is off or full; private windows can do this). Your work lasts until you close the tab: export it below to keep a copy.';
  }
  return null;
}

export function lessonsOnPage(root: ParentNode = document): LessonSummary[] {
  return Array.from(root.querySelectorAll<HTMLElement>('.lesson-card')).map((card) => ({
    slug: card.dataset.lesson ?? '',
    number: card.querySelector('.lesson-number')?.textContent?.trim() ?? '',
    title: card.querySelector('.lesson-title')?.textContent?.trim() ?? '',
    exercises: JSON.parse(card.dataset.exercises ?? '[]') as string[],
  }));
}

export function downloadText(filename: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function render(store: ProgressStore): void {
  const doc = store.document;
  let total = 0;
  let completed = 0;
  for (const card of Array.from(document.querySelectorAll<HTMLElement>('.lesson-card'))) {
    const ids = JSON.parse(card.dataset.exercises ?? '[]') as string[];
    const n = ids.filter((id) => isDone(doc, id)).length;
    total += ids.length;
    completed += n;
    const label = card.querySelector('.lesson-done');
    if (label) label.textContent = ids.length === 0 ? 'No exercises' : n === ids.length ? `All ${ids.length} exercises done` : `${n} of ${ids.length} exercises done`;
    if (ids.length > 0 && n === ids.length) card.dataset.state = 'done';
    else if (n > 0 || ids.some((id) => doc.exercises[id])) card.dataset.state = 'started';
    else delete card.dataset.state;
  }
  const bar = document.querySelector<HTMLElement>('.progress-bar');
  const fill = document.querySelector<HTMLElement>('.progress-fill');
  const text = document.querySelector<HTMLElement>('.progress-done');
  if (bar && fill && total > 0) {
    bar.setAttribute('aria-valuenow', String(completed));
    bar.setAttribute('aria-valuetext', `${completed} of ${total} exercises done`);
    fill.style.width = `${Math.round((completed / total) * 100)}%`;
  }
  if (text) text.textContent = completed > 0 ? `${completed} of ${total} exercises done` : 'No exercises done yet';

  const link = document.querySelector<HTMLAnchorElement>('.continue-link');
  if (link) {
    const target = continueTarget(lessonsOnPage(), doc);
    const base = link.dataset.base ?? '/';
    if (target.kind === 'finished') {
      link.href = `${base}playground/`;
      link.textContent = 'Every exercise is done: try your own Dockerfile in the playground';
    } else {
      link.href = `${base}${target.lesson.slug}/`;
      const what = `lesson ${target.lesson.number}: ${target.lesson.title}`;
      link.textContent = target.kind === 'start' ? `Start with ${what}` : target.kind === 'resume' ? `Continue with ${what}` : `Next: ${what}`;
    }
    link.dataset.target = target.kind;
  }
}

function renderNotice(store: ProgressStore): void {
  const message = storageMessage(store);
  const slot = document.querySelector<HTMLElement>('.storage-note');
  if (!slot) return;
  slot.hidden = !message;
  if (!message) return;
  slot.querySelector('.storage-note-text')!.textContent = message;
  const backup = store.backupText();
  const button = slot.querySelector<HTMLButtonElement>('.storage-note-download');
  if (button && backup !== null) {
    button.hidden = false;
    button.onclick = () => downloadText('shipshape-progress-set-aside.json', backup);
  }
}

export function readProgressSummary(): ProgressStore {
  const store = progressStore();
  render(store);
  renderNotice(store);
  store.onChange(() => {
    render(store);
    renderNotice(store);
  });
  return store;
}
