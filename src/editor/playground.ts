/**
 * The playground page: the same editor, worker and engine as the lessons, with every rule and no
 * exercise. Findings are listed grouped and sorted, each with its quick fix; the state round-trips
 * through the URL fragment; files can be pasted, opened or dropped.
 */
import { applyEdits, applyFixes, fileOfFix, fixesOf } from '../engine/fix.ts';
import type { Finding, Severity } from '../engine/types.ts';
import { inlineMarkdown } from '../exercises/inline-markdown.ts';
import type { EditorAdapter } from './editor-adapter.ts';
import { EngineClient } from './engine-client.ts';
import { createPlainEditor } from './plain-editor.ts';
import { scoreOf } from './score.ts';
import { decodeState, encodeState } from './share.ts';

const DEBOUNCE_MS = 150;
const MAX_FILE_BYTES = 2_000_000;
const base = (import.meta.env.BASE_URL ?? '/').replace(/\/?$/, '/');
const SEVERITY_ORDER: Severity[] = ['error', 'warning', 'info'];
const SEVERITY_LABEL: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', info: 'Advice' };

function q<T extends HTMLElement>(root: ParentNode, sel: string): T {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`playground markup is missing ${sel}`);
  return el;
}

function looksBinary(text: string): boolean {
  return text.includes('\u0000');
}

/** The learner's text survives a reload: kept in this browser, as the lessons keep theirs. */
const DRAFT_KEY = 'shipshape:playground-draft';

function loadDraft(): { dockerfile: string; dockerignore: string } | null {
  try {
    const draft = JSON.parse(localStorage.getItem(DRAFT_KEY) ?? 'null') as { dockerfile?: unknown; dockerignore?: unknown } | null;
    return typeof draft?.dockerfile === 'string' && typeof draft.dockerignore === 'string' ? { dockerfile: draft.dockerfile, dockerignore: draft.dockerignore } : null;
  } catch {
    return null;
  }
}

function saveDraft(draft: { dockerfile: string; dockerignore: string }): void {
  try {
    localStorage.setItem(DRAFT_KEY, JSON.stringify(draft));
  } catch {
    // storage full or disabled: the share link still carries the text
  }
}

export async function startPlayground(): Promise<void> {
  const root = document.querySelector<HTMLElement>('[data-playground]');
  if (!root) return;
  const example = root.dataset.example ?? '';
  const shared = await decodeState(location.hash);
  // a share link wins; without one, the draft from the last visit; else the example
  const draft = location.hash ? null : loadDraft();
  const files: Record<string, string> = { Dockerfile: shared?.dockerfile ?? draft?.dockerfile ?? example, '.dockerignore': shared?.dockerignore ?? draft?.dockerignore ?? '' };
  const container = q(root, '.pg-editor');
  const score = q(root, '.pg-score');
  const list = q(root, '.pg-list');
  const shareState = q(root, '.pg-share-state');
  const fixAll = q<HTMLButtonElement>(root, '.pg-fix-all');
  const groupBy = q<HTMLSelectElement>(root, '.pg-group');
  const sortBy = q<HTMLSelectElement>(root, '.pg-sort');
  if (location.hash && !shared) shareState.textContent = 'The link’s data could not be read, so the example is shown instead.';

  let editor: EditorAdapter;
  const options = { container, files, label: 'Playground Dockerfile editor', lessonUrl: (l: string) => `${base}${l}/` };
  const coarse = window.matchMedia?.('(pointer: coarse)').matches && !window.matchMedia?.('(pointer: fine)').matches;
  if (coarse || window.innerWidth < 640) editor = createPlainEditor(options);
  else {
    try {
      editor = (await import('./monaco-editor.ts')).createMonacoEditor(options);
    } catch {
      editor = createPlainEditor(options);
    }
  }
  root.dataset.editor = editor.kind;

  const client = new EngineClient();
  let findings: Finding[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let generation = 0;

  const current = () => ({ dockerfile: editor.getValue('Dockerfile'), dockerignore: editor.getValue('.dockerignore') });

  const render = () => {
    const counts = { error: 0, warning: 0, info: 0 };
    for (const f of findings) counts[f.severity]++;
    score.textContent = `Score ${scoreOf(findings)} / 100 · ${counts.error} error${counts.error === 1 ? '' : 's'} · ${counts.warning} warning${counts.warning === 1 ? '' : 's'} · ${counts.info} advice`;
    root.dataset.findings = String(findings.length);
    const fixable = findings.filter((f) => f.fix).length;
    fixAll.disabled = fixable === 0;
    fixAll.textContent = fixable ? `Fix all (${fixable})` : 'Fix all';
    const sorted = [...findings].sort((a, b) =>
      sortBy.value === 'rule' ? a.rule.localeCompare(b.rule) || a.range.start.line - b.range.start.line : a.range.start.line - b.range.start.line || a.rule.localeCompare(b.rule),
    );
    const groups = new Map<string, Finding[]>();
    if (groupBy.value === 'lesson') {
      for (const f of sorted) groups.set(f.lesson || 'engine', [...(groups.get(f.lesson || 'engine') ?? []), f]);
    } else {
      for (const s of SEVERITY_ORDER) {
        const of = sorted.filter((f) => f.severity === s);
        if (of.length) groups.set(s, of);
      }
    }
    list.replaceChildren();
    if (findings.length === 0) {
      const p = document.createElement('p');
      p.textContent = 'No findings: every rule passes.';
      list.append(p);
      return;
    }
    const keys = groupBy.value === 'lesson' ? [...groups.keys()].sort() : [...groups.keys()];
    for (const key of keys) {
      const group = groups.get(key)!;
      const h = document.createElement('h2');
      h.className = 'pg-group-title';
      h.textContent = groupBy.value === 'lesson' ? (key === 'engine' ? 'Engine' : `Lesson ${key.slice(0, 2)}: ${key.slice(3).replace(/-/g, ' ')}`) : `${SEVERITY_LABEL[key as Severity]} (${group.length})`;
      const ul = document.createElement('ul');
      ul.className = 'pg-findings';
      for (const f of group) ul.append(findingItem(f));
      list.append(h, ul);
    }
  };

  const findingItem = (f: Finding): HTMLLIElement => {
    const li = document.createElement('li');
    li.className = 'pg-finding';
    li.dataset.severity = f.severity;
    li.dataset.rule = f.rule;
    const where = document.createElement('button');
    where.type = 'button';
    where.className = 'pg-where';
    where.textContent = `${f.file === 'Dockerfile' ? '' : `${f.file}:`}${f.range.start.line + 1}:${f.range.start.character + 1}`;
    // the name starts with the visible text (WCAG 2.5.3, label in name); the parenthesis spells it out
    where.setAttribute('aria-label', `Go to ${where.textContent} (line ${f.range.start.line + 1}, column ${f.range.start.character + 1}${f.file === 'Dockerfile' ? '' : ` of ${f.file}`})`);
    where.addEventListener('click', () => {
      selectTab(f.file);
      editor.reveal(f.file, f.range.start.line, f.range.start.character);
    });
    const msg = document.createElement('span');
    msg.className = 'pg-message';
    msg.innerHTML = inlineMarkdown(f.message);
    const meta = document.createElement('span');
    meta.className = 'pg-meta';
    const rule = document.createElement('a');
    rule.href = `${base}rules/${f.rule}/`;
    rule.textContent = f.rule;
    meta.append(rule);
    if (f.lesson) {
      const lesson = document.createElement('a');
      lesson.href = `${base}${f.lesson}/`;
      lesson.textContent = `open lesson ${f.lesson.slice(0, 2)}`;
      meta.append(' · ', lesson);
    }
    li.append(where, ' ', msg, meta);
    if (f.fix) {
      const fix = document.createElement('button');
      fix.type = 'button';
      fix.className = 'ex-button pg-fix';
      fix.textContent = f.fix.title;
      fix.addEventListener('click', () => {
        const file = fileOfFix(f.fix!);
        editor.setValue(file, applyEdits(editor.getValue(file), f.fix!.edits));
      });
      li.append(fix);
    }
    return li;
  };

  let lastShown = '';
  const check = async () => {
    const mine = ++generation;
    const input = current();
    if (looksBinary(input.dockerfile)) {
      root.dataset.checker = 'binary';
      score.textContent = 'This does not look like a Dockerfile (it contains binary data); nothing was checked.';
      return;
    }
    const outcome = await client.run({ input: { dockerfile: input.dockerfile, ...(input.dockerignore.trim() ? { dockerignore: input.dockerignore } : {}) }, checks: [] });
    if (!outcome || mine !== generation) return;
    if (outcome.kind !== 'result') {
      root.dataset.checker = outcome.kind;
      score.textContent = outcome.kind === 'timeout' ? 'Checking took too long and was stopped; it restarts on your next edit.' : `The checker failed: ${outcome.message}`;
      return;
    }
    const wasOk = root.dataset.checker === 'ok';
    if (!wasOk) root.dataset.checker = 'ok';
    findings = outcome.result.findings;
    for (const file of ['Dockerfile', '.dockerignore']) editor.setFindings(file, findings.filter((f) => f.file === file));
    // most keystrokes leave the list as it was: rebuilding it anyway costs a layout of the page
    const shown = JSON.stringify(findings.map((f) => [f.rule, f.file, f.range, f.severity, f.message, !!f.fix]));
    if (wasOk && shown === lastShown) return;
    lastShown = shown;
    render();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      saveDraft(current());
      void check();
    }, DEBOUNCE_MS);
  };
  editor.onChange(schedule);
  groupBy.addEventListener('change', render);
  sortBy.addEventListener('change', render);

  const tabs = Array.from(root.querySelectorAll<HTMLButtonElement>('.pg-tabs .ex-tab'));
  const selectTab = (file: string) => {
    for (const t of tabs) t.setAttribute('aria-selected', String(t.dataset.file === file));
    editor.showFile(file);
  };
  for (const t of tabs) t.addEventListener('click', () => selectTab(t.dataset.file ?? 'Dockerfile'));

  fixAll.addEventListener('click', () => {
    for (const file of ['Dockerfile', '.dockerignore']) {
      const mine = fixesOf(findings, file as 'Dockerfile' | '.dockerignore');
      if (mine.length) editor.setValue(file, applyFixes(editor.getValue(file), mine).text);
    }
  });

  q(root, '.pg-example').addEventListener('click', () => {
    editor.setValue('Dockerfile', example);
    selectTab('Dockerfile');
  });

  q(root, '.pg-share').addEventListener('click', async () => {
    const hash = await encodeState(current());
    const url = `${location.origin}${location.pathname}#${hash}`;
    history.replaceState(null, '', `#${hash}`);
    try {
      await navigator.clipboard.writeText(url);
      shareState.textContent = 'Link copied. It carries your text in the fragment: nothing is stored on a server.';
    } catch {
      shareState.textContent = 'The link is in the address bar: copy it from there. Nothing is stored on a server.';
    }
  });

  const loadFile = async (file: File) => {
    if (file.size > MAX_FILE_BYTES) {
      shareState.textContent = `${file.name} is ${Math.round(file.size / 1024)} KB; the playground takes files up to ${MAX_FILE_BYTES / 1_000_000} MB.`;
      return;
    }
    const text = await file.text();
    if (looksBinary(text)) {
      shareState.textContent = `${file.name} is not a text file; it was not loaded.`;
      return;
    }
    const target = file.name.endsWith('dockerignore') ? '.dockerignore' : 'Dockerfile';
    editor.setValue(target, text);
    selectTab(target);
    shareState.textContent = `Loaded ${file.name}.`;
  };
  q<HTMLInputElement>(root, '.pg-open input').addEventListener('change', (e) => {
    const input = e.target as HTMLInputElement;
    for (const f of Array.from(input.files ?? [])) void loadFile(f);
    input.value = '';
  });
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    for (const f of Array.from(e.dataTransfer?.files ?? [])) void loadFile(f);
  });

  await check();
}
