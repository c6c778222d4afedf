import { describe, expect, it } from 'vitest';
import { emptyDocument, type ProgressDocument } from '../../../src/editor/progress.ts';
import { continueTarget, storageMessage, type LessonSummary } from '../../../src/editor/progress-summary.ts';
import { describeImport, exportFilename, exportText, readImport } from '../../../src/editor/progress-transfer.ts';

const lessons: LessonSummary[] = [
  { slug: '01-a', number: '01', title: 'A', exercises: ['01-a/1', '01-a/2'] },
  { slug: '02-b', number: '02', title: 'B', exercises: ['02-b/1'] },
  { slug: '03-reading', number: '03', title: 'Reading only', exercises: [] },
  { slug: '04-c', number: '04', title: 'C', exercises: ['04-c/1'] },
];
const T = '2026-01-01T00:00:00.000Z';
const withWork = (done: string[], started: string[] = [], lastLesson?: string): ProgressDocument => ({
  ...emptyDocument(),
  ...(lastLesson ? { lastLesson } : {}),
  exercises: Object.fromEntries([...done.map((id) => [id, { files: { Dockerfile: 'x' }, completed: true, updatedAt: T }]), ...started.map((id) => [id, { files: { Dockerfile: 'x' }, completed: false, updatedAt: T }])]),
});

describe('continueTarget', () => {
  it('starts at the first lesson with exercises when nothing was done', () => {
    expect(continueTarget(lessons, emptyDocument())).toEqual({ kind: 'start', lesson: lessons[0] });
  });
  it('resumes the last lesson while it has unfinished exercises', () => {
    expect(continueTarget(lessons, withWork(['02-b/1'], ['01-a/1'], '01-a'))).toEqual({ kind: 'resume', lesson: lessons[0] });
  });
  it('moves to the next unfinished lesson, skipping lessons without exercises and wrapping around', () => {
    expect(continueTarget(lessons, withWork(['02-b/1'], [], '02-b'))).toEqual({ kind: 'next', lesson: lessons[3] });
    expect(continueTarget(lessons, withWork(['04-c/1', '02-b/1'], [], '04-c'))).toEqual({ kind: 'next', lesson: lessons[0] });
  });
  it('treats a last lesson the course no longer has as unknown, and resumes the first unfinished one', () => {
    expect(continueTarget(lessons, withWork(['01-a/1', '01-a/2'], [], '99-gone'))).toEqual({ kind: 'resume', lesson: lessons[1] });
  });
  it('ignores progress on exercises this course does not have', () => {
    expect(continueTarget(lessons, withWork(['99-gone/1']))).toEqual({ kind: 'start', lesson: lessons[0] });
  });
  it('says when everything is done', () => {
    expect(continueTarget(lessons, withWork(['01-a/1', '01-a/2', '02-b/1', '04-c/1'], [], '04-c'))).toEqual({ kind: 'finished' });
  });
});

describe('storageMessage', () => {
  const ok = { problems: [] as never[], isPersistent: true };
  it('is silent when all is well', () => expect(storageMessage(ok)).toBeNull());
  it('names each problem', () => {
    expect(storageMessage({ problems: ['unavailable'], isPersistent: false })).toMatch(/not saving your progress/);
    expect(storageMessage(ok, ['2026-01-02T10:00:00.000Z'])).toMatch(/set aside on .*2026.*not deleted/);
    expect(storageMessage({ problems: ['newer'], isPersistent: false })).toMatch(/newer version.*Reload/);
  });
});

describe('export and import', () => {
  it('names the file by date and writes a document parseDocument reads back', () => {
    expect(exportFilename(new Date(2026, 10, 5))).toBe('shipshape-progress-2026-11-05.json');
    const doc = withWork(['01-a/1']);
    const read = readImport('x.json', exportText(doc, new Date(T)));
    expect(read).toEqual({ ok: true, doc });
  });
  it.each([
    ['{not json', 'is not a Shipshape progress file'],
    ['[]', 'is not a Shipshape progress file'],
    ['{"app":"other"}', 'was not made by Shipshape'],
    ['{"app":"shipshape","version":7,"exercises":{}}', 'comes from a newer version of Shipshape'],
    ['{"app":"shipshape","version":1,"exercises":{}}', 'holds no exercises'],
  ])('refuses %s, saying nothing changed', (text, why) => {
    const read = readImport('f.json', text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(/^“f\.json” /);
    if (!read.ok) expect(read.message).toContain(why);
    if (!read.ok) expect(read.message).toMatch(/Nothing was changed\.$/);
  });
  it('describes what was taken, kept and completed, by title', () => {
    const d = describeImport('p.json', { imported: ['01-a/2', '01-a/1'], keptNewer: ['02-b/1'], unchanged: ['04-c/1'], completedFromImport: ['02-b/1'] }, (id) => `Title ${id}`);
    expect(d.summary).toBe('Imported “p.json”: 2 exercises taken from the file, 1 kept because it is newer here, 1 already the same.');
    expect(d.sections).toEqual([
      { heading: 'Taken from the file (2):', items: ['Title 01-a/1', 'Title 01-a/2'] },
      { heading: 'Kept as they are in this browser, because you changed them here more recently (1):', items: ['Title 02-b/1'] },
      { heading: 'Marked done, because the file has them completed (your text here is kept) (1):', items: ['Title 02-b/1'] },
    ]);
  });
  it('says when nothing was new', () => {
    expect(describeImport('p.json', { imported: [], keptNewer: ['a', 'b'], unchanged: ['c'], completedFromImport: [] }, String).summary).toBe(
      'Nothing new in “p.json”: 2 exercises are newer here, 1 already the same.',
    );
    expect(describeImport('p.json', { imported: [], keptNewer: [], unchanged: ['c'], completedFromImport: [] }, String).summary).toBe(
      'Nothing new in “p.json”: everything in it is already here.',
    );
  });
});
