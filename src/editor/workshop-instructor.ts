/**
 * The instructor's workshop page: builds the selection from the checkboxes, creates the learner link
 * (and keeps the same selection in this page's own #fragment, so a bookmark restores it), and checks
 * pasted completion codes against the selection of the last link.
 */
import { decodeWorkshopLink, encodeWorkshopLink, normalizeSelection, verifyCompletionCode, type WorkshopSelection } from './workshop.ts';

interface ExerciseInfo {
  title: string;
  lesson: string;
  solutionHash: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export interface CheckedLine {
  line: number;
  code: string;
  result: Awaited<ReturnType<typeof verifyCompletionCode>>;
}

/** Notes for the instructor: duplicate codes, identical answers across learners, answers identical to the solution. */
export function answerNotes(rows: CheckedLine[], solutionHashOf: (id: string) => string | undefined): Map<number, Map<string, string>> {
  const notes = new Map<number, Map<string, string>>();
  const byAnswer = new Map<string, CheckedLine[]>();
  const seenCodes = new Map<string, number>();
  const note = (line: number, key: string, text: string) => {
    const m = notes.get(line) ?? new Map<string, string>();
    m.set(key, text);
    notes.set(line, m);
  };
  for (const row of rows) {
    const normalized = row.code.trim().toUpperCase().replace(/[\s-]+/g, '');
    const first = seenCodes.get(normalized);
    if (first !== undefined) note(row.line, '', `The same code as line ${first}.`);
    else seenCodes.set(normalized, row.line);
    if (!row.result.ok || first !== undefined) continue;
    for (const p of row.result.passed) {
      const key = `${p.id}@${p.hash}`;
      byAnswer.set(key, [...(byAnswer.get(key) ?? []), row]);
      if (solutionHashOf(p.id) === p.hash) note(row.line, p.id, 'identical to the reference solution');
    }
  }
  for (const [key, same] of byAnswer) {
    if (same.length < 2) continue;
    const id = key.slice(0, key.lastIndexOf('@'));
    for (const row of same) {
      const others = same.filter((o) => o !== row).map((o) => (o.result.ok && o.result.learnerName ? o.result.learnerName : `line ${o.line}`));
      const prev = notes.get(row.line)?.get(id);
      note(row.line, id, `${prev ? `${prev}; ` : ''}identical to ${others.join(', ')}`);
    }
  }
  return notes;
}

export async function startInstructorPage(): Promise<void> {
  const form = document.querySelector<HTMLFormElement>('[data-workshop-builder]');
  if (!form) return;
  const info = JSON.parse(document.getElementById('workshop-exercises')?.textContent ?? '{}') as Record<string, ExerciseInfo>;
  const base = form.dataset.base ?? '/';
  const title = form.querySelector<HTMLInputElement>('#ws-title')!;
  const hide = form.querySelector<HTMLInputElement>('input[name="hideSolutions"]')!;
  const boxes = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="exercise"]'));
  const toggles = Array.from(form.querySelectorAll<HTMLInputElement>('input[data-lesson-toggle]'));
  const count = form.querySelector<HTMLElement>('.ws-count')!;
  const share = document.querySelector<HTMLElement>('.ws-share')!;
  const linkInput = document.querySelector<HTMLInputElement>('#ws-link')!;
  const shareState = document.querySelector<HTMLElement>('.ws-share-state')!;
  const shareSummary = document.querySelector<HTMLElement>('.ws-share-summary')!;
  const openLearner = document.querySelector<HTMLAnchorElement>('.ws-open-learner')!;
  const target = document.querySelector<HTMLElement>('.ws-verify-target')!;
  const codes = document.querySelector<HTMLTextAreaElement>('#ws-codes')!;
  const verifySummary = document.querySelector<HTMLElement>('.ws-verify-summary')!;
  const results = document.querySelector<HTMLElement>('.ws-results')!;

  /** The selection codes are checked against: the last link created, or the one this page was opened with. */
  let active: WorkshopSelection | null = null;
  let activeLink = '';

  const current = (): WorkshopSelection =>
    normalizeSelection({ title: title.value, hideSolutions: hide.checked, exercises: boxes.filter((b) => b.checked).map((b) => b.value) });

  const syncToggles = () => {
    for (const t of toggles) {
      const mine = boxes.filter((b) => b.dataset.lesson === t.dataset.lessonToggle);
      const on = mine.filter((b) => b.checked).length;
      t.checked = on === mine.length;
      t.indeterminate = on > 0 && on < mine.length;
    }
    const n = boxes.filter((b) => b.checked).length;
    const lessons = new Set(boxes.filter((b) => b.checked).map((b) => b.dataset.lesson)).size;
    let text = n === 0 ? 'No exercises selected yet.' : `${plural(n, 'exercise')} from ${plural(lessons, 'lesson')} selected.`;
    if (active && activeLink) {
      const same = JSON.stringify(current()) === JSON.stringify(active);
      if (!same) text += ' The selection changed since you created the link: create it again to share the change.';
    }
    count.textContent = text;
  };

  const describe = (s: WorkshopSelection) =>
    `“${s.title || 'Untitled workshop'}”: ${plural(s.exercises.length, 'exercise')}${s.hideSolutions ? ', solutions hidden' : ''}`;

  const activate = async (selection: WorkshopSelection, link: string) => {
    active = selection;
    activeLink = link;
    const url = new URL(`${base}workshop/join/#${link}`, location.href).href;
    linkInput.value = url;
    openLearner.href = url;
    share.hidden = false;
    shareSummary.textContent = `The link for ${describe(selection)}.`;
    target.textContent = `Codes are checked against ${describe(selection)}.`;
    history.replaceState(null, '', `#${link}`);
    syncToggles();
  };

  // opened from a bookmarked instructor address: restore the selection
  if (location.hash.length > 1) {
    const restored = await decodeWorkshopLink(location.hash);
    if (restored) {
      title.value = restored.title;
      hide.checked = restored.hideSolutions;
      const wanted = new Set(restored.exercises);
      for (const b of boxes) b.checked = wanted.has(b.value);
      const missing = restored.exercises.filter((id) => !boxes.some((b) => b.value === id));
      await activate(restored, location.hash.slice(1));
      if (missing.length) shareState.textContent = `${plural(missing.length, 'exercise')} of this workshop ${missing.length === 1 ? 'is' : 'are'} not in this version of the course: ${missing.join(', ')}.`;
    } else {
      target.textContent = 'This page was opened with a workshop address that could not be read (it may have been cut when copied). Choose the exercises again, then create the link.';
      target.dataset.problem = 'bad-link';
    }
  }
  syncToggles();

  for (const t of toggles) {
    t.addEventListener('change', () => {
      for (const b of boxes) if (b.dataset.lesson === t.dataset.lessonToggle) b.checked = t.checked;
      syncToggles();
    });
  }
  for (const b of boxes) b.addEventListener('change', syncToggles);
  title.addEventListener('input', syncToggles);
  hide.addEventListener('change', syncToggles);
  for (const button of Array.from(form.querySelectorAll<HTMLButtonElement>('[data-select]'))) {
    button.addEventListener('click', () => {
      for (const b of boxes) b.checked = button.dataset.select === 'all';
      syncToggles();
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const selection = current();
    if (selection.exercises.length === 0) {
      count.textContent = 'Choose at least one exercise first.';
      boxes[0]?.focus();
      return;
    }
    await activate(selection, await encodeWorkshopLink(selection));
    shareState.textContent = '';
    linkInput.focus();
    linkInput.select();
  });

  document.querySelector('.ws-copy-link')?.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(linkInput.value);
      shareState.textContent = 'Copied. Paste it in your chat or slides.';
    } catch {
      linkInput.focus();
      linkInput.select();
      shareState.textContent = 'Copying was not allowed here: the link is selected, press Ctrl+C (⌘C on macOS) to copy it.';
    }
  });

  document.querySelector('.ws-check-codes')?.addEventListener('click', async () => {
    results.replaceChildren();
    if (!active) {
      verifySummary.textContent = 'Create the workshop link first (or open the address you bookmarked): codes are checked against that selection.';
      return;
    }
    const lines = codes.value.split(/\r?\n/).map((code, i) => ({ code, line: i + 1 })).filter((l) => l.code.trim() !== '');
    if (lines.length === 0) {
      verifySummary.textContent = 'Paste at least one completion code, one per line.';
      codes.focus();
      return;
    }
    const selection = active;
    const rows: CheckedLine[] = [];
    for (const l of lines) rows.push({ ...l, result: await verifyCompletionCode(l.code, selection) });
    const notes = answerNotes(rows, (id) => info[id]?.solutionHash);
    const valid = rows.filter((r) => r.result.ok);
    const complete = valid.filter((r) => r.result.ok && r.result.notPassed.length === 0);
    verifySummary.textContent =
      `${plural(rows.length, 'code')} checked: ${valid.length} valid` +
      (rows.length > valid.length ? `, ${rows.length - valid.length} not valid` : '') +
      `. ${plural(complete.length, 'learner')} passed all ${selection.exercises.length}.`;

    const table = document.createElement('table');
    table.className = 'ws-table';
    const caption = document.createElement('caption');
    caption.className = 'visually-hidden';
    caption.textContent = 'Completion codes, one row per pasted line';
    const head = document.createElement('tr');
    for (const label of ['Line', 'Learner', 'Result', 'Exercises']) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = label;
      head.append(th);
    }
    const thead = document.createElement('thead');
    thead.append(head);
    const tbody = document.createElement('tbody');
    table.append(caption, thead, tbody);
    for (const row of rows) {
      const tr = document.createElement('tr');
      tr.dataset.valid = String(row.result.ok);
      const lineCell = document.createElement('td');
      lineCell.textContent = String(row.line);
      const name = document.createElement('th');
      name.scope = 'row';
      const result = document.createElement('td');
      const detail = document.createElement('td');
      const rowNotes = notes.get(row.line);
      if (!row.result.ok) {
        name.textContent = '—';
        result.textContent = 'Not valid';
        result.dataset.outcome = 'invalid';
        detail.textContent = row.result.message;
        detail.dataset.problem = row.result.problem;
      } else {
        const r = row.result;
        name.textContent = r.learnerName || '(no name given)';
        result.textContent = `${r.passed.length} of ${selection.exercises.length} passed`;
        result.dataset.outcome = r.notPassed.length === 0 ? 'complete' : 'partial';
        const ul = document.createElement('ul');
        const items = [
          ...r.passed.map((p) => ({ id: p.id, passed: true, hash: p.hash })),
          ...r.notPassed.map((id) => ({ id, passed: false, hash: '' })),
        ].sort((a, b) => selection.exercises.indexOf(a.id) - selection.exercises.indexOf(b.id));
        for (const item of items) {
          const li = document.createElement('li');
          li.dataset.passed = String(item.passed);
          const title = info[item.id] ? `${info[item.id].lesson}: ${info[item.id].title}` : item.id;
          const mark = document.createElement('span');
          mark.className = 'ws-mark';
          mark.setAttribute('aria-hidden', 'true');
          mark.textContent = item.passed ? '✓' : '–';
          const text = document.createElement('span');
          text.textContent = `${item.passed ? 'Passed' : 'Not passed'}: ${title}`;
          li.append(mark, ' ', text);
          if (item.passed) {
            const code = document.createElement('code');
            code.textContent = item.hash;
            code.title = 'Fingerprint of the passing answer';
            li.append(' ', code);
          }
          const n = rowNotes?.get(item.id);
          if (n) {
            const em = document.createElement('em');
            em.textContent = ` (${n})`;
            li.append(em);
          }
          ul.append(li);
        }
        detail.append(ul);
      }
      const dup = rowNotes?.get('');
      if (dup) {
        const p = document.createElement('p');
        p.textContent = dup;
        detail.prepend(p);
      }
      tr.append(lineCell, name, result, detail);
      tbody.append(tr);
    }
    results.append(table);
  });
}
