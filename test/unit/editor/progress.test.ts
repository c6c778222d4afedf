import { describe, expect, it } from 'vitest';
import { emptyDocument, mergeDocuments, NEVER_EDITED, parseDocument, ProgressStore, STORAGE_KEY, type ProgressDocument } from '../../../src/editor/progress.ts';

class MemoryStorage implements Storage {
  data = new Map<string, string>();
  failWrites = false;
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(k: string) {
    return this.data.get(k) ?? null;
  }
  key(i: number) {
    return [...this.data.keys()][i] ?? null;
  }
  removeItem(k: string) {
    this.data.delete(k);
  }
  setItem(k: string, v: string) {
    if (this.failWrites) throw new DOMException('quota', 'QuotaExceededError');
    this.data.set(k, v);
  }
}

const doc = (exercises: ProgressDocument['exercises']): ProgressDocument => ({ ...emptyDocument(), exercises });

describe('parseDocument', () => {
  it('starts empty when nothing is stored', () => {
    expect(parseDocument(null)).toEqual({ ok: true, doc: emptyDocument(), migrated: false });
  });
  it('reads a current document and drops malformed entries only', () => {
    const raw = JSON.stringify({ app: 'shipshape', version: 1, exercises: { a: { files: { Dockerfile: 'FROM x' }, completed: true, updatedAt: '2026-01-01T00:00:00Z' }, b: { nope: 1 } } });
    const r = parseDocument(raw);
    expect(r.ok && Object.keys(r.doc.exercises)).toEqual(['a']);
  });
  it('migrates the unversioned draft format', () => {
    const r = parseDocument(JSON.stringify({ 'l/e': { text: 'FROM python', done: true } }));
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.migrated).toBe(true);
      expect(r.doc.exercises['l/e']).toMatchObject({ files: { Dockerfile: 'FROM python' }, completed: true });
    }
  });
  it.each([
    ['not JSON', '{oops', 'corrupt'],
    ['an array', '[1,2]', 'corrupt'],
    ['another app', JSON.stringify({ app: 'other', version: 1 }), 'foreign'],
    ['a newer version', JSON.stringify({ app: 'shipshape', version: 99, exercises: {} }), 'newer'],
    ['exercises not an object', JSON.stringify({ app: 'shipshape', version: 1, exercises: 3 }), 'corrupt'],
  ])('reports %s', (_name, raw, problem) => {
    expect(parseDocument(raw)).toEqual({ ok: false, problem });
  });
});

describe('ProgressStore', () => {
  it('saves and restores text and completion', () => {
    const s = new MemoryStorage();
    const a = new ProgressStore(s);
    a.saveFiles('02-pin-base-images/01', { Dockerfile: 'FROM python:3.13' }, true);
    const b = new ProgressStore(s);
    expect(b.exercise('02-pin-base-images/01')).toMatchObject({ files: { Dockerfile: 'FROM python:3.13' }, completed: true });
    expect(b.document.lastLesson).toBe('02-pin-base-images');
  });
  it('never loses a completion when the text later breaks again', () => {
    const s = new MemoryStorage();
    const a = new ProgressStore(s);
    a.saveFiles('x/1', { Dockerfile: 'ok' }, true);
    a.saveFiles('x/1', { Dockerfile: 'broken' }, false);
    expect(a.exercise('x/1')?.completed).toBe(true);
    expect(a.exercise('x/1')?.files.Dockerfile).toBe('broken');
  });
  it('keeps a corrupt document aside instead of deleting it, and still works', () => {
    const s = new MemoryStorage();
    s.setItem(STORAGE_KEY, '{"app":"shipshape","version":1,"exercises":');
    const store = new ProgressStore(s);
    expect(store.problems).toContain('corrupt');
    expect(store.backupKey).toBeDefined();
    expect(s.getItem(store.backupKey!)).toBe('{"app":"shipshape","version":1,"exercises":');
    store.saveFiles('a/b', { Dockerfile: 'x' }, false);
    expect(JSON.parse(s.getItem(STORAGE_KEY)!).exercises['a/b'].files.Dockerfile).toBe('x');
  });
  it('degrades to memory when storage is full, and says so', () => {
    const s = new MemoryStorage();
    const store = new ProgressStore(s);
    s.failWrites = true;
    store.saveFiles('a/b', { Dockerfile: 'x' }, false);
    expect(store.isPersistent).toBe(false);
    expect(store.problems).toContain('unavailable');
    expect(store.exercise('a/b')?.files.Dockerfile).toBe('x');
  });
  it('works without any storage (private mode)', () => {
    const store = new ProgressStore(null);
    expect(store.isPersistent).toBe(false);
    store.saveFiles('a/b', { Dockerfile: 'x' }, true);
    expect(store.exercise('a/b')?.completed).toBe(true);
  });
});

describe('mergeDocuments', () => {
  const old = '2026-01-01T00:00:00.000Z';
  const newer = '2026-02-01T00:00:00.000Z';
  it('takes newer imported work and keeps newer local work', () => {
    const mine = doc({ a: { files: { Dockerfile: 'mine-a' }, completed: false, updatedAt: newer }, b: { files: { Dockerfile: 'mine-b' }, completed: false, updatedAt: old } });
    const theirs = doc({ a: { files: { Dockerfile: 'theirs-a' }, completed: true, updatedAt: old }, b: { files: { Dockerfile: 'theirs-b' }, completed: false, updatedAt: newer }, c: { files: { Dockerfile: 'c' }, completed: true, updatedAt: old } });
    const { doc: merged, imported, keptNewer } = mergeDocuments(mine, theirs);
    expect(merged.exercises.a.files.Dockerfile).toBe('mine-a');
    expect(merged.exercises.a.completed).toBe(true); // a completion is never lost
    expect(merged.exercises.b.files.Dockerfile).toBe('theirs-b');
    expect(merged.exercises.c.files.Dockerfile).toBe('c');
    expect(imported.sort()).toEqual(['b', 'c']);
    expect(keptNewer).toEqual(['a']);
  });
});

describe('ProgressStore: nothing is lost or made up', () => {
  const files = { Dockerfile: 'FROM python:3.13\n' };
  it('does not write when nothing changed (opening a lesson does not make exercises look edited)', () => {
    const s = new MemoryStorage();
    const a = new ProgressStore(s);
    a.saveFiles('l/e', files, false);
    const first = s.getItem(STORAGE_KEY);
    const updatedAt = a.exercise('l/e')!.updatedAt;
    a.saveFiles('l/e', { ...files }, false);
    expect(s.getItem(STORAGE_KEY)).toBe(first);
    expect(a.exercise('l/e')!.updatedAt).toBe(updatedAt);
  });
  it('keeps the last passing text apart from the current one', () => {
    const a = new ProgressStore(new MemoryStorage());
    a.saveFiles('l/e', files, true);
    a.saveFiles('l/e', { Dockerfile: 'FROM python\n' }, false);
    expect(a.exercise('l/e')).toMatchObject({ completed: true, files: { Dockerfile: 'FROM python\n' }, passedFiles: files });
  });
  it('two tabs never overwrite each other: every write starts from the stored document', () => {
    const s = new MemoryStorage();
    const tabA = new ProgressStore(s);
    const tabB = new ProgressStore(s);
    tabA.saveFiles('l/a', files, true);
    tabB.saveFiles('l/b', files, false);
    tabA.setPlainEditor(true);
    const stored = JSON.parse(s.getItem(STORAGE_KEY)!);
    expect(Object.keys(stored.exercises).sort()).toEqual(['l/a', 'l/b']);
    expect(stored.exercises['l/a'].completed).toBe(true);
    expect(stored.preferences.plainEditor).toBe(true);
  });
  it('refresh() picks up another tab and tells listeners', () => {
    const s = new MemoryStorage();
    const tabA = new ProgressStore(s);
    const tabB = new ProgressStore(s);
    const seen: number[] = [];
    tabA.onChange((d) => seen.push(Object.keys(d.exercises).length));
    tabB.saveFiles('l/b', files, false);
    tabA.refresh();
    expect(tabA.exercise('l/b')).toBeDefined();
    expect(seen).toEqual([1]);
  });
  it('remembers a hint revealed before any edit, without pretending the text was edited', () => {
    const a = new ProgressStore(new MemoryStorage());
    a.setHintsShown('l/e', 1, files);
    expect(a.exercise('l/e')).toMatchObject({ hintsShown: 1, updatedAt: NEVER_EDITED, completed: false });
    // so an imported real answer is newer
    const r = mergeDocuments(a.document, doc({ 'l/e': { files: { Dockerfile: 'mine' }, completed: false, updatedAt: '2026-01-01T00:00:00.000Z' } }));
    expect(r.imported).toEqual(['l/e']);
    expect(r.doc.exercises['l/e'].hintsShown).toBe(1);
  });
  it('leaves a document written by a newer version where it is and stops saving', () => {
    const s = new MemoryStorage();
    const newer = JSON.stringify({ app: 'shipshape', version: 99, exercises: {} });
    s.setItem(STORAGE_KEY, newer);
    const store = new ProgressStore(s);
    expect(store.problems).toContain('newer');
    expect(store.isPersistent).toBe(false);
    store.saveFiles('l/e', files, false);
    expect(s.getItem(STORAGE_KEY)).toBe(newer);
    expect(store.exercise('l/e')).toBeDefined();
  });
  it('keeps an unreadable document another tab wrote aside before writing', () => {
    const s = new MemoryStorage();
    const store = new ProgressStore(s);
    s.setItem(STORAGE_KEY, '{broken');
    store.saveFiles('l/e', files, false);
    expect(store.backupKey).toMatch(/^shipshape:progress:backup:/);
    expect(s.getItem(store.backupKey!)).toBe('{broken');
    expect(store.backupText()).toBe('{broken');
    expect(JSON.parse(s.getItem(STORAGE_KEY)!).exercises['l/e']).toBeDefined();
  });
  it('stores and validates workshop membership', () => {
    const s = new MemoryStorage();
    const a = new ProgressStore(s);
    a.setWorkshop({ link: 'w1.abc', title: 'Class', exercises: ['l/e'], hideSolutions: true, joinedAt: '2026-01-01T00:00:00.000Z' });
    expect(new ProgressStore(s).document.workshop).toMatchObject({ title: 'Class', exercises: ['l/e'], hideSolutions: true });
    a.setWorkshop(undefined);
    expect(new ProgressStore(s).document.workshop).toBeUndefined();
    const r = parseDocument(JSON.stringify({ app: 'shipshape', version: 1, exercises: {}, workshop: { title: 3 } }));
    expect(r.ok && r.doc.workshop).toBeUndefined();
  });
});

describe('import', () => {
  const old = '2026-01-01T00:00:00.000Z';
  const newer = '2026-02-01T00:00:00.000Z';
  it('reports what it took, what it kept, what was the same, and completions it added', () => {
    const mine = doc({
      a: { files: { Dockerfile: 'mine-a' }, completed: false, updatedAt: newer },
      same: { files: { Dockerfile: 's' }, completed: true, updatedAt: old },
    });
    const theirs = doc({
      a: { files: { Dockerfile: 'theirs-a' }, completed: true, updatedAt: old, passedFiles: { Dockerfile: 'theirs-a' } },
      same: { files: { Dockerfile: 's' }, completed: true, updatedAt: old },
      b: { files: { Dockerfile: 'b' }, completed: false, updatedAt: old },
    });
    const r = mergeDocuments(mine, theirs);
    expect(r).toMatchObject({ imported: ['b'], keptNewer: ['a'], unchanged: ['same'], completedFromImport: ['a'] });
    expect(r.doc.exercises.a).toMatchObject({ files: { Dockerfile: 'mine-a' }, completed: true, passedFiles: { Dockerfile: 'theirs-a' } });
  });
  it('keeps the passing text and the first completion time when a newer failing text comes in', () => {
    const mine = doc({ a: { files: { Dockerfile: 'ok' }, completed: true, completedAt: old, updatedAt: old, passedFiles: { Dockerfile: 'ok' } } });
    const theirs = doc({ a: { files: { Dockerfile: 'wip' }, completed: false, updatedAt: newer } });
    const r = mergeDocuments(mine, theirs);
    expect(r.doc.exercises.a).toEqual({ files: { Dockerfile: 'wip' }, completed: true, completedAt: old, updatedAt: newer, passedFiles: { Dockerfile: 'ok' } });
  });
  it('never takes the workshop or preferences of the file over this browser', () => {
    const mine: ProgressDocument = { ...doc({}), preferences: { plainEditor: true } };
    const theirs: ProgressDocument = { ...doc({}), preferences: { plainEditor: false }, lastLesson: 'x', workshop: { link: 'w1.a', title: 't', exercises: [], hideSolutions: false, joinedAt: old } };
    const r = mergeDocuments(mine, theirs);
    expect(r.doc.preferences).toEqual({ plainEditor: true });
    expect(r.doc.workshop).toBeUndefined();
    expect(r.doc.lastLesson).toBe('x');
  });
  it('can be undone, except for exercises edited again since', () => {
    const s = new MemoryStorage();
    const store = new ProgressStore(s);
    store.saveFiles('l/a', { Dockerfile: 'local a' }, false);
    const outcome = store.importDocument(doc({
      'l/a': { files: { Dockerfile: 'file a' }, completed: true, updatedAt: '2999-01-01T00:00:00.000Z' },
      'l/b': { files: { Dockerfile: 'file b' }, completed: false, updatedAt: old },
      'l/c': { files: { Dockerfile: 'file c' }, completed: false, updatedAt: old },
    }));
    expect(outcome.imported.sort()).toEqual(['l/a', 'l/b', 'l/c']);
    expect(store.exercise('l/a')?.files.Dockerfile).toBe('file a');
    store.saveFiles('l/c', { Dockerfile: 'edited after the import' }, false);
    expect(outcome.undo()).toBe(2);
    const after = new ProgressStore(s);
    expect(after.exercise('l/a')?.files.Dockerfile).toBe('local a');
    expect(after.exercise('l/b')).toBeUndefined();
    expect(after.exercise('l/c')?.files.Dockerfile).toBe('edited after the import');
  });
});
