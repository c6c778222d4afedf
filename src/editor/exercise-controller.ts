/**
 * Brings one exercise to life: restores the learner's saved text, runs the checker in a worker on
 * every (debounced) edit, shows markers, the checklist and other findings, and handles hints,
 * solution (asked first, shown as a diff, applied with undo), reset (with undo) and completion.
 */
import type { Exercise, GradeResult } from '../engine/exercise.ts';
import { learnerDockerignore } from '../engine/exercise-input.ts';
import type { Finding } from '../engine/types.ts';
import { diffLines } from './diff.ts';
import type { EditorAdapter } from './editor-adapter.ts';
import { EngineClient } from './engine-client.ts';
import { createPlainEditor } from './plain-editor.ts';
import { showStorageNotice } from './page-notice.ts';
import { NEVER_EDITED, progressStore, sameFiles } from './progress.ts';
import { downloadText } from './progress-summary.ts';
import { inlineMarkdown } from '../exercises/inline-markdown.ts';

export const DEBOUNCE_MS = 120;
const MAX_INPUT_CHARS = 2_000_000;

const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
const lessonUrl = (lesson: string) => `${base}${lesson}/`;

function prefersPlainEditor(): boolean {
  const stored = progressStore().document.preferences?.plainEditor;
  if (stored !== undefined) return stored;
  // Monaco does not support mobile browsers: phones and touch-only devices get the plain editor
  const coarse = window.matchMedia?.('(pointer: coarse)').matches && !window.matchMedia?.('(pointer: fine)').matches;
  return coarse || window.innerWidth < 640;
}

function el<T extends HTMLElement>(root: ParentNode, selector: string): T {
  const found = root.querySelector<T>(selector);
  if (!found) throw new Error(`exercise markup is missing ${selector}`);
  return found;
}

export async function startExercise(section: HTMLElement): Promise<void> {
  const exercise = JSON.parse(el(section, 'script.ex-data').textContent ?? '{}') as Exercise;
  const store = progressStore();
  const saved = store.exercise(exercise.id);
  const starter: Record<string, string> = { Dockerfile: exercise.files.dockerfile.starter };
  if (exercise.files.dockerignore) starter['.dockerignore'] = exercise.files.dockerignore.starter;
  const solution: Record<string, string> = { Dockerfile: exercise.files.dockerfile.solution };
  if (exercise.files.dockerignore) solution['.dockerignore'] = exercise.files.dockerignore.solution;
  const initial: Record<string, string> = { ...starter };
  if (saved) for (const name of Object.keys(initial)) if (typeof saved.files[name] === 'string') initial[name] = saved.files[name];

  const statusText = el(section, '.ex-status-text');
  const saveState = el(section, '.ex-save-state');
  const container = el(section, '.ex-editor');
  const checkItems = Array.from(section.querySelectorAll<HTMLElement>('.ex-check'));
  const others = el<HTMLDetailsElement>(section, '.ex-others');
  const client = new EngineClient();
  // the build preview (project tree and panels) loads alongside the editor, never up front
  const panelsLoading = import('./panels/index.ts').catch(() => undefined);
  let completed = saved?.completed ?? false;
  let activeFile = 'Dockerfile';
  if (completed) section.dataset.complete = 'true';

  // --- the editor: plain textarea when preferred (phones, touch, or the learner's choice), else Monaco
  let editor: EditorAdapter;
  const label = `Dockerfile editor for the exercise "${exercise.title}"`;
  const changeListeners: ((file: string) => void)[] = [];
  const switchButton = el<HTMLButtonElement>(section, '.ex-switch-editor');
  const mountEditor = async (plain: boolean, files: Record<string, string>) => {
    const options = { container, files, label, lessonUrl };
    let next: EditorAdapter | undefined;
    if (!plain) {
      statusText.textContent = 'Loading the editor…';
      try {
        const { createMonacoEditor } = await import('./monaco-editor.ts');
        next = createMonacoEditor(options);
      } catch {
        next = undefined;
      }
    }
    next ??= createPlainEditor(options);
    for (const l of changeListeners) next.onChange(l);
    section.dataset.mounted = next.kind;
    section.dataset.editor = next.kind;
    switchButton.hidden = false;
    switchButton.textContent = next.kind === 'plain' ? 'Use the full editor (Monaco)' : 'Use the plain text editor';
    return next;
  };
  editor = await mountEditor(prefersPlainEditor(), initial);
  const panels = (await panelsLoading)?.createPreviewPanels(section, exercise, () => void check());
  switchButton.addEventListener('click', async () => {
    const files = filesNow();
    const toPlain = editor.kind === 'monaco';
    editor.dispose();
    store.setPlainEditor(toPlain);
    editor = await mountEditor(toPlain, files);
    showFileTab(activeFile);
    void check();
    editor.focus();
  });

  const filesNow = (): Record<string, string> => Object.fromEntries(Object.keys(initial).map((f) => [f, editor.getValue(f)]));

  // --- tabs
  const showFileTab = (file: string) => {
    activeFile = file;
    for (const t of Array.from(section.querySelectorAll<HTMLButtonElement>('.ex-tab'))) t.setAttribute('aria-selected', String(t.dataset.file === file));
    editor.showFile(file);
  };
  for (const tab of Array.from(section.querySelectorAll<HTMLButtonElement>('.ex-tab'))) {
    tab.addEventListener('click', () => showFileTab(tab.dataset.file ?? 'Dockerfile'));
  }

  // --- grading
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;
  // Most keystrokes leave the checklist and the other findings as they were. Writing the same content
  // again still makes the browser lay out the whole lesson page, so only what changed is written.
  const setText = (node: Element, text: string) => {
    if (node.textContent !== text) node.textContent = text;
  };
  const setData = (node: HTMLElement, key: string, value: string | undefined) => {
    if (value === undefined) {
      if (key in node.dataset) delete node.dataset[key];
    } else if (node.dataset[key] !== value) node.dataset[key] = value;
  };
  const detailHtml = new WeakMap<Element, string>();
  const render = (result: GradeResult) => {
    result.checks.forEach((c, i) => {
      const item = checkItems[i];
      if (!item) return;
      setData(item, 'state', c.passed ? 'pass' : 'fail');
      setText(el(item, '.ex-check-sr'), c.passed ? 'passes' : 'does not pass yet');
      // inlineMarkdown escapes all HTML first, so this is safe
      const detail = el(item, '.ex-check-detail');
      const html = c.passed ? '' : inlineMarkdown(c.detail ?? '');
      if ((detailHtml.get(detail) ?? detail.innerHTML) !== html) {
        detail.innerHTML = html;
        detailHtml.set(detail, html);
      }
    });
    const byFile = (file: string) => result.findings.filter((f) => f.file === file);
    for (const file of Object.keys(initial)) editor.setFindings(file, byFile(file));
    // the rules currently marked in the editor, for tests and for debugging in devtools
    setData(section, 'marked', [...new Set(result.findings.map((f) => f.rule))].sort().join(' '));
    renderOthers(result.others);
    const summary = `${result.passed} of ${result.total} checks pass`;
    if (result.complete) {
      setText(statusText, `Complete: all ${result.total} checks pass. Well done!`);
      setData(section, 'complete', 'true');
    } else {
      setText(statusText, `${summary}.`);
      setData(section, 'complete', undefined);
    }
    setData(section, 'grade', `${result.passed}/${result.total}`);
  };

  let othersShown = '';
  const renderOthers = (list: Finding[]) => {
    const shown = JSON.stringify(list.map((f) => [f.file, f.range.start.line, f.severity, f.message, f.lesson]));
    if (shown === othersShown) return;
    othersShown = shown;
    const ul = el(others, '.ex-others-list');
    ul.replaceChildren();
    others.hidden = list.length === 0;
    el(others, '.ex-others-count').textContent = `(${list.length})`;
    for (const f of list) {
      const li = document.createElement('li');
      li.dataset.severity = f.severity;
      const where = document.createElement('span');
      where.className = 'ex-other-where';
      where.textContent = `${f.file === 'Dockerfile' ? '' : `${f.file} `}line ${f.range.start.line + 1}`;
      const msg = document.createElement('span');
      msg.innerHTML = inlineMarkdown(f.message);
      li.append(where, ' ', msg);
      if (f.lesson) {
        const a = document.createElement('a');
        a.href = lessonUrl(f.lesson);
        a.textContent = `taught in lesson ${f.lesson.slice(0, 2)}`;
        li.append(' ', a);
      }
      ul.append(li);
    }
  };

  const check = async () => {
    const mine = ++generation;
    const files = filesNow();
    // keep the text before grading: a run that is too large, times out or fails must not lose it on reload
    if (store.exercise(exercise.id) || !sameFiles(files, starter)) store.saveFiles(exercise.id, files, false);
    const total = Object.values(files).reduce((n, t) => n + t.length, 0);
    if (total > MAX_INPUT_CHARS) {
      statusText.textContent = `This text is too large to check (${Math.round(total / 1024)} KB; the limit is ${MAX_INPUT_CHARS / 1_000_000} MB). Your text is kept.`;
      return;
    }
    performance.mark('shipshape:grade-start');
    let shown: GradeResult | undefined;
    const show = (result: GradeResult) => {
      if (mine !== generation || shown === result) return;
      shown = result;
      setData(section, 'checker', 'ok');
      render(result);
      performance.mark('shipshape:grade-applied');
      performance.measure('shipshape:edit-to-feedback', 'shipshape:grade-start', 'shipshape:grade-applied');
    };
    const outcome = await client.run(
      {
        input: { dockerfile: files.Dockerfile, ...learnerDockerignore(files['.dockerignore'], exercise.files.dockerignore?.absentAtStart) },
        checks: exercise.checks,
        context: exercise.context,
        preview: panels?.request(),
      },
      // the checklist and the markers as soon as the grade arrives; the panels when their data follows
      { onGrade: (o) => show(o.result) },
    );
    if (!outcome || mine !== generation) return;
    if (outcome.kind === 'timeout') {
      section.dataset.checker = 'timeout';
      panels?.stale('checking took too long.');
      statusText.textContent = 'Checking took too long and was stopped; the checker restarts on your next edit. Your text is kept.';
      return;
    }
    if (outcome.kind === 'error') {
      section.dataset.checker = 'error';
      panels?.stale('the checker failed.');
      statusText.textContent = `The checker failed (${outcome.message}); it restarts on your next edit. Your text is kept.`;
      return;
    }
    show(outcome.result);
    panels?.render(outcome.preview);
    const wasCompleted = completed;
    completed = completed || outcome.result.complete;
    // opening a lesson must not make its exercises look edited: an untouched starter is not saved, and
    // the store writes only what changed
    const untouched = !store.exercise(exercise.id) && sameFiles(files, starter);
    if (!untouched) store.saveFiles(exercise.id, files, outcome.result.complete);
    if (!wasCompleted && completed) document.dispatchEvent(new CustomEvent('shipshape:progress', { detail: { exercise: exercise.id } }));
  };

  const savedText = () => (store.isPersistent ? 'Saved in this browser' : 'Not saved: storage is unavailable');
  const schedule = () => {
    clearTimeout(timer);
    // "Restored your saved text" is no longer the news once the learner types; "Saved in this browser"
    // stays true (the text is saved again a moment later), so it is not blanked on every keystroke
    if (saveState.textContent !== savedText()) saveState.textContent = '';
    timer = setTimeout(() => {
      void check().then(() => setText(saveState, savedText()));
    }, DEBOUNCE_MS);
  };
  changeListeners.push(schedule);
  editor.onChange(schedule);

  // --- undo for reset / apply solution: keeps the text from before
  const undoButton = el<HTMLButtonElement>(section, '.ex-undo-button');
  const actionNote = el(section, '.ex-action-note');
  let undoFiles: Record<string, string> | null = null;
  const replaceAll = (files: Record<string, string>, what: string, note: string) => {
    undoFiles = filesNow();
    for (const [name, text] of Object.entries(files)) editor.setValue(name, text);
    undoButton.hidden = false;
    undoButton.textContent = `Undo ${what}`;
    actionNote.textContent = note;
    schedule();
  };
  undoButton.addEventListener('click', () => {
    if (!undoFiles) return;
    const back = undoFiles;
    undoFiles = null;
    for (const [name, text] of Object.entries(back)) editor.setValue(name, text);
    undoButton.hidden = true;
    actionNote.textContent = 'Your text is back.';
    schedule();
    editor.focus();
  });
  el(section, '.ex-reset-button').addEventListener('click', () =>
    replaceAll(starter, 'reset', 'The starter text is back. “Undo reset” brings your text back.'),
  );

  // --- hints: one at a time
  const hints = Array.from(section.querySelectorAll<HTMLElement>('.ex-hint'));
  const hintButton = el<HTMLButtonElement>(section, '.ex-hint-button');
  let shown = Math.min(saved?.hintsShown ?? 0, hints.length);
  const showHints = () => {
    hints.forEach((h, i) => (h.hidden = i >= shown));
    hintButton.hidden = shown >= hints.length;
    hintButton.textContent = `Show a hint (${shown + 1} of ${hints.length})`;
  };
  showHints();
  hintButton.addEventListener('click', () => {
    shown = Math.min(shown + 1, hints.length);
    showHints();
    store.setHintsShown(exercise.id, shown, filesNow());
    // focus the new hint, so it is read out and Tab continues from it
    hints[shown - 1]?.setAttribute('tabindex', '-1');
    hints[shown - 1]?.focus();
  });

  // --- solution: ask first, then a diff, then apply with undo. A workshop can hide it (see workshop-mode.ts).
  const solutionButton = el<HTMLButtonElement>(section, '.ex-solution-button');
  const confirmBox = el(section, '.ex-solution-confirm');
  const solutionBox = el(section, '.ex-solution');
  const solutionsHidden = () => section.dataset.solutions === 'hidden';
  const closeSolution = (focusBack: boolean) => {
    confirmBox.hidden = true;
    solutionBox.hidden = true;
    solutionButton.hidden = solutionsHidden();
    solutionButton.setAttribute('aria-expanded', 'false');
    if (focusBack && !solutionButton.hidden) solutionButton.focus();
  };
  solutionButton.addEventListener('click', () => {
    if (solutionsHidden()) return;
    confirmBox.hidden = false;
    el<HTMLButtonElement>(confirmBox, '.ex-confirm-solution').focus();
  });
  el(confirmBox, '.ex-cancel-solution').addEventListener('click', () => closeSolution(true));
  el(confirmBox, '.ex-confirm-solution').addEventListener('click', () => {
    if (solutionsHidden()) return;
    const diff = el(solutionBox, '.ex-diff');
    diff.replaceChildren();
    const mine = filesNow();
    for (const [name, text] of Object.entries(solution)) {
      if (Object.keys(solution).length > 1) {
        const h = document.createElement('span');
        h.className = 'ex-diff-file';
        h.textContent = `${name}\n`;
        diff.append(h);
      }
      for (const line of diffLines(mine[name] ?? '', text)) {
        const span = document.createElement('span');
        span.className = `ex-diff-${line.kind}`;
        span.textContent = `${line.kind === 'add' ? '+ ' : line.kind === 'remove' ? '− ' : '  '}${line.text}\n`;
        diff.append(span);
      }
    }
    confirmBox.hidden = true;
    solutionBox.hidden = false;
    solutionButton.hidden = true;
    solutionButton.setAttribute('aria-expanded', 'true');
    section.dataset.solutionSeen = 'true';
    el(solutionBox, '.ex-solution-intro').focus();
  });
  el(section, '.ex-close-solution').addEventListener('click', () => closeSolution(true));
  el(section, '.ex-apply-button').addEventListener('click', () => {
    replaceAll(solution, 'use of the solution', 'The solution is in the editor. “Undo use of the solution” brings your text back.');
    closeSolution(false);
    undoButton.focus();
  });
  if (solutionsHidden()) closeSolution(false);

  // --- a notice above the first exercise when this page cannot save, or set a document aside
  if (store.backupKey || !store.isPersistent) {
    const backup = store.backupText();
    showStorageNotice(
      store.problems.includes('newer')
        ? 'Your progress was saved by a newer version of this course (open in another tab?). Reload this page to continue with it; until then, nothing you do here is saved.'
        : store.backupKey
          ? 'Your saved progress could not be read, so it was set aside (not deleted) and a fresh record started. Your work on this page is saved again from now on.'
          : 'This browser stopped saving your work (storage for this site is off or full). The exercises still check your text, but it is gone when you close the tab: copy your Dockerfile somewhere to keep it.',
      backup === null ? undefined : () => downloadText('shipshape-progress-set-aside.json', backup),
    );
  }

  await check();
  // a hint revealed on the untouched starter is remembered, but there is no text of the learner's to restore
  saveState.textContent = saved && saved.updatedAt !== NEVER_EDITED ? 'Restored your saved text' : '';
}
