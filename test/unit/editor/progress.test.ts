import { describe, expect, it } from 'vitest';
import { emptyDocument, mergeDocuments, parseDocument, ProgressStore, STORAGE_KEY, type ProgressDocument } from '../../../src/editor/progress.ts';

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
