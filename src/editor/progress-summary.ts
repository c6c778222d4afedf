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
export function storageMessage(store: Pick<ProgressStore, 'problems' | 'isPersistent'>, setAside: string[] = []): string | null {
  if (store.problems.includes('newer')) {
    return 'Your progress was saved by a newer version of this course (open in another tab?). Reload this page to continue with it; until then, nothing you do here is saved.';
  }
  if (setAside.length > 0) {
    const when = setAside.map(formatWhen).join(', ');
    return `Saved progress that could not be read was set aside on ${when} (not deleted), and a fresh record started. Download the copy to keep it, or delete it once you no longer need it. To bring back an export, use “Import a file” below.`;
  }
  if (!store.isPersistent || store.problems.includes('unavailable')) {
    return 'This browser is not saving your progress (storage for this site is off or full; private windows can do this). Your work lasts until you close the tab: export it below to keep a copy.';
  }
  return null;
}

function formatWhen(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
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

  const workshopNote = document.querySelector<HTMLElement>('.workshop-note');
  if (workshopNote) {
    workshopNote.hidden = !doc.workshop;
    if (doc.workshop) {
      workshopNote.querySelector('.workshop-note-title')!.textContent = doc.workshop.title || 'without a title';
      const a = workshopNote.querySelector<HTMLAnchorElement>('.workshop-note-link')!;
      a.href = `${a.href.replace(/#.*$/, '')}#${doc.workshop.link}`;
    }
  }
}

function renderNotice(store: ProgressStore): void {
  const slot = document.querySelector<HTMLElement>('.storage-note');
  if (!slot) return;
  const backups = store.backups();
  const message = storageMessage(store, backups.map((b) => b.at));
  slot.hidden = !message;
  slot.querySelector('.storage-note-text')!.textContent = message ?? '';
  const download = slot.querySelector<HTMLButtonElement>('.storage-note-download');
  const remove = slot.querySelector<HTMLButtonElement>('.storage-note-delete');
  const latest = backups.at(-1);
  if (download) {
    download.hidden = !latest;
    download.onclick = () => {
      if (latest) downloadText(`shipshape-progress-set-aside-${latest.at.slice(0, 10)}.json`, store.readBackup(latest.key) ?? '');
    };
  }
  if (remove) {
    remove.hidden = !latest;
    remove.onclick = () => {
      if (latest && window.confirm('Delete the set-aside copy of your progress? Download it first if you might need it.')) store.deleteBackup(latest.key);
    };
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
