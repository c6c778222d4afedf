/**
 * The learner's workshop page. Joining stores the workshop in the progress document (not in
 * sessionStorage): it then holds in every tab and after a browser restart, for a workshop spread
 * over two mornings, and lesson pages read it before they show any exercise. Every lesson page says
 * workshop mode is on and offers a way out, so it never lingers unnoticed.
 */
import { NEVER_EDITED, progressStore, type WorkshopMembership } from './progress.ts';
import { decodeWorkshopLink, makeCompletionCode } from './workshop.ts';

interface CatalogEntry {
  id: string;
  title: string;
  lesson: string;
  lessonTitle: string;
  anchor: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export async function startLearnerPage(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-workshop-learner]');
  if (!root) return;
  const base = root.dataset.base ?? '/';
  const catalog = new Map((JSON.parse(document.getElementById('workshop-catalog')?.textContent ?? '[]') as CatalogEntry[]).map((e) => [e.id, e]));
  const store = progressStore();
  const q = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const message = q('.wl-message');
  const area = q('.wl-workshop');

  const setState = (state: string, text: string) => {
    root.dataset.state = state;
    message.textContent = text;
  };

  const hash = location.hash.replace(/^#/, '');
  const fromLink = hash ? await decodeWorkshopLink(hash) : null;
  let joinedNote = '';
  if (hash && !fromLink) {
    const current = store.document.workshop;
    setState(
      'bad-link',
      'This workshop link could not be read: it may have been cut off when it was copied (it ends with a long part after “#w1.”). Ask your instructor for the link again.',
    );
    if (current) {
      const a = document.createElement('a');
      a.href = `${base}workshop/join/#${current.link}`;
      a.textContent = `Open your current workshop, “${current.title || 'untitled'}”`;
      a.addEventListener('click', () => setTimeout(() => location.reload(), 0));
      const p = document.createElement('p');
      p.append(a);
      message.after(p);
    }
    return;
  }
  if (fromLink) {
    const previous = store.document.workshop;
    if (!previous || previous.link !== hash) {
      store.setWorkshop({
        link: hash,
        title: fromLink.title,
        exercises: fromLink.exercises,
        hideSolutions: fromLink.hideSolutions,
        joinedAt: new Date().toISOString(),
        ...(previous?.learnerName ? { learnerName: previous.learnerName } : {}),
      });
      joinedNote = previous
        ? `You left the workshop “${previous.title || 'untitled'}” and joined this one.`
        : 'You joined this workshop: lesson pages now show only its exercises.';
    }
  } else if (store.document.workshop) {
    history.replaceState(null, '', `#${store.document.workshop.link}`);
  } else {
    setState('no-link', 'You are not in a workshop. Open the link your instructor gave you: it ends with a long part after “#w1.”.');
    return;
  }

  const nameInput = q<HTMLInputElement>('#wl-name');
  const codeState = q('.wl-code-state');
  const codeBox = q('.wl-code-box');
  const codeInput = q<HTMLInputElement>('#wl-code');
  let membership = store.document.workshop as WorkshopMembership;
  nameInput.value = membership.learnerName ?? '';

  const render = () => {
    const m = store.document.workshop ?? membership;
    membership = m;
    const known = m.exercises.filter((id) => catalog.has(id));
    const unknown = m.exercises.filter((id) => !catalog.has(id));
    const done = known.filter((id) => store.exercise(id)?.completed).length;
    q('.wl-title').textContent = m.title || 'Workshop';
    q('.wl-summary').textContent = `${plural(known.length, 'exercise')}, ${done} done.${store.isPersistent ? '' : ' This browser is not saving progress: it lasts until you close the tab.'}`;
    const bar = q('.wl-bar');
    bar.setAttribute('aria-valuemax', String(Math.max(known.length, 1)));
    bar.setAttribute('aria-valuenow', String(done));
    bar.setAttribute('aria-valuetext', `${done} of ${known.length} exercises done`);
    q('.wl-fill').style.width = `${known.length ? Math.round((done / known.length) * 100) : 0}%`;
    q('.wl-solutions').hidden = !m.hideSolutions;

    const list = q('.wl-list');
    list.replaceChildren();
    const byLesson = new Map<string, CatalogEntry[]>();
    for (const id of known) {
      const e = catalog.get(id)!;
      byLesson.set(e.lesson, [...(byLesson.get(e.lesson) ?? []), e]);
    }
    for (const [lesson, entries] of byLesson) {
      const section = document.createElement('section');
      section.className = 'wl-lesson';
      const h = document.createElement('h3');
      const lessonLink = document.createElement('a');
      lessonLink.href = `${base}${lesson}/`;
      lessonLink.textContent = entries[0].lessonTitle;
      h.append(lessonLink);
      const ul = document.createElement('ul');
      for (const e of entries) {
        const progress = store.exercise(e.id);
        const state = progress?.completed ? 'done' : progress && progress.updatedAt !== NEVER_EDITED ? 'started' : 'todo';
        const li = document.createElement('li');
        li.dataset.state = state;
        li.dataset.exercise = e.id;
        const a = document.createElement('a');
        a.href = `${base}${e.lesson}/#${e.anchor}`;
        a.textContent = e.title;
        const badge = document.createElement('span');
        badge.className = 'wl-badge';
        badge.textContent = state === 'done' ? 'Done' : state === 'started' ? 'Started' : 'Not started';
        li.append(a, ' ', badge);
        ul.append(li);
      }
      section.append(h, ul);
      list.append(section);
    }
    if (unknown.length) {
      const p = document.createElement('p');
      p.className = 'wl-unknown';
      p.textContent = `${plural(unknown.length, 'exercise')} of this workshop ${unknown.length === 1 ? 'is' : 'are'} not in this version of the course, so ${unknown.length === 1 ? 'it is' : 'they are'} left out: ${unknown.join(', ')}.`;
      list.append(p);
    }
  };

  setState('joined', joinedNote);
  area.hidden = false;
  render();
  store.onChange(render);

  q('.wl-make-code').addEventListener('click', async () => {
    const m = membership;
    const name = nameInput.value.trim();
    if (name !== (m.learnerName ?? '')) {
      const { learnerName: _previous, ...rest } = m;
      store.setWorkshop(name ? { ...rest, learnerName: name } : rest);
    }
    const passed: Record<string, Record<string, string>> = {};
    const unrecorded: string[] = [];
    for (const id of m.exercises) {
      const p = store.exercise(id);
      if (p?.completed && p.passedFiles) passed[id] = p.passedFiles;
      else if (p?.completed) unrecorded.push(catalog.get(id)?.title ?? id);
    }
    const code = await makeCompletionCode({ selection: { title: m.title, exercises: m.exercises, hideSolutions: m.hideSolutions }, learnerName: name, passed });
    codeInput.value = code;
    codeBox.hidden = false;
    const n = Object.keys(passed).length;
    const total = m.exercises.length;
    codeState.textContent =
      (n === total
        ? `Your code says all ${total} exercises pass. Give it to your instructor.`
        : `Your code says ${n} of ${total} exercises pass. Give it to your instructor, or finish more and make a new one.`) +
      (unrecorded.length
        ? ` Not in the code: ${unrecorded.join(', ')}, done before this browser kept passing answers; open ${unrecorded.length === 1 ? 'it' : 'them'} once so the check runs again, then make a new code.`
        : '');
    codeInput.focus();
    codeInput.select();
  });

  q('.wl-copy-code').addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(codeInput.value);
      codeState.textContent = 'Copied. Paste it where your instructor asked.';
    } catch {
      codeInput.focus();
      codeInput.select();
      codeState.textContent = 'Copying was not allowed here: the code is selected, press Ctrl+C (⌘C on macOS) to copy it.';
    }
  });

  q('.wl-leave-button').addEventListener('click', () => {
    const left = membership;
    store.setWorkshop(undefined);
    area.hidden = true;
    history.replaceState(null, '', location.pathname);
    setState('left', `You left the workshop “${left.title || 'untitled'}”: lesson pages show every exercise again, and your progress is kept.`);
    const rejoin = document.createElement('button');
    rejoin.type = 'button';
    rejoin.className = 'ex-button wl-rejoin';
    rejoin.textContent = 'Join it again';
    rejoin.addEventListener('click', () => {
      store.setWorkshop({ ...left, joinedAt: new Date().toISOString() });
      location.hash = left.link;
      location.reload();
    });
    message.after(rejoin);
    rejoin.focus();
  });
}
