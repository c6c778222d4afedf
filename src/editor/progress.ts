/**
 * The learner's progress: one versioned JSON document in localStorage. Nothing is ever lost:
 * - a corrupt or foreign document is moved aside under a backup key (not deleted) and reported;
 * - when storage is full or disabled, progress lives in memory and the page says so;
 * - older versions are migrated forward;
 * - every write re-reads the stored document first, so two open tabs never overwrite each other's work;
 * - an import merges (the newer edit of each exercise wins, a completion is never lost) and can be undone.
 * Pure logic (parse, migrate, merge) is separate from the storage access so it can be unit-tested.
 */

export const STORAGE_KEY = 'shipshape:progress';
export const BACKUP_PREFIX = `${STORAGE_KEY}:backup:`;
export const SCHEMA_VERSION = 1;
/** The time of an entry nobody has edited yet (a hint revealed on the starter text): any real edit is newer. */
export const NEVER_EDITED = new Date(0).toISOString();

export interface ExerciseProgress {
  /** The learner's files, by name (`Dockerfile`, `.dockerignore`). */
  files: Record<string, string>;
  completed: boolean;
  /** ISO time of the first completion. */
  completedAt?: string;
  /** ISO time of the last edit. */
  updatedAt: string;
  /** How many hints were revealed. */
  hintsShown?: number;
  /** The most recent text that passed every check (what a workshop completion code vouches for). */
  passedFiles?: Record<string, string>;
}

/** The workshop this browser joined through an instructor's link (see src/editor/workshop.ts). */
export interface WorkshopMembership {
  /** The link's fragment (`w1....`), to reopen the workshop page. */
  link: string;
  title: string;
  /** Exercise ids of the selection, in course order. */
  exercises: string[];
  hideSolutions: boolean;
  joinedAt: string;
  /** The name the learner typed for their completion code, remembered for next time. */
  learnerName?: string;
}

export interface ProgressDocument {
  app: 'shipshape';
  version: typeof SCHEMA_VERSION;
  exercises: Record<string, ExerciseProgress>;
  /** The last lesson the learner worked in, for "continue where you left off". */
  lastLesson?: string;
  preferences?: { plainEditor?: boolean };
  workshop?: WorkshopMembership;
}

export type LoadProblem = 'corrupt' | 'foreign' | 'newer' | 'unavailable';

export function emptyDocument(): ProgressDocument {
  return { app: 'shipshape', version: SCHEMA_VERSION, exercises: {} };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function stringRecord(v: unknown): Record<string, string> | null {
  if (!isRecord(v)) return null;
  const out: Record<string, string> = {};
  for (const [k, text] of Object.entries(v)) if (typeof text === 'string') out[k] = text;
  return out;
}

function validExercise(v: unknown): ExerciseProgress | null {
  if (!isRecord(v) || typeof v.completed !== 'boolean' || typeof v.updatedAt !== 'string') return null;
  const files = stringRecord(v.files);
  if (!files) return null;
  const passedFiles = stringRecord(v.passedFiles);
  return {
    files,
    completed: v.completed,
    updatedAt: v.updatedAt,
    ...(typeof v.completedAt === 'string' ? { completedAt: v.completedAt } : {}),
    ...(typeof v.hintsShown === 'number' && Number.isFinite(v.hintsShown) ? { hintsShown: v.hintsShown } : {}),
    ...(passedFiles && typeof passedFiles.Dockerfile === 'string' ? { passedFiles } : {}),
  };
}

function validWorkshop(v: unknown): WorkshopMembership | null {
  if (!isRecord(v) || typeof v.link !== 'string' || typeof v.title !== 'string' || !Array.isArray(v.exercises)) return null;
  const exercises = v.exercises.filter((e): e is string => typeof e === 'string');
  return {
    link: v.link,
    title: v.title,
    exercises,
    hideSolutions: v.hideSolutions === true,
    joinedAt: typeof v.joinedAt === 'string' ? v.joinedAt : NEVER_EDITED,
    ...(typeof v.learnerName === 'string' && v.learnerName ? { learnerName: v.learnerName } : {}),
  };
}

/** Migrations from version N to N+1. Version 0 is the unversioned `{ [id]: { text, done } }` draft format. */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  0: (doc) => {
    const exercises: Record<string, unknown> = {};
    for (const [id, v] of Object.entries(doc)) {
      if (!isRecord(v) || typeof v.text !== 'string') continue;
      exercises[id] = { files: { Dockerfile: v.text }, completed: v.done === true, updatedAt: NEVER_EDITED };
    }
    return { app: 'shipshape', version: 1, exercises };
  },
};

export type ParseOutcome = { ok: true; doc: ProgressDocument; migrated: boolean } | { ok: false; problem: Exclude<LoadProblem, 'unavailable'> };

/** Parses a stored (or exported) document, migrating old versions; never throws. */
export function parseDocument(raw: string | null): ParseOutcome {
  if (raw === null) return { ok: true, doc: emptyDocument(), migrated: false };
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    return { ok: false, problem: 'corrupt' };
  }
  if (!isRecord(data)) return { ok: false, problem: 'corrupt' };
  let version = typeof data.version === 'number' ? data.version : data.app === undefined ? 0 : -1;
  if (data.app !== undefined && data.app !== 'shipshape') return { ok: false, problem: 'foreign' };
  if (version < 0 || !Number.isInteger(version)) return { ok: false, problem: 'corrupt' };
  if (version > SCHEMA_VERSION) return { ok: false, problem: 'newer' };
  let migrated = false;
  let current: Record<string, unknown> = data;
  while (version < SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) return { ok: false, problem: 'corrupt' };
    current = step(current);
    version++;
    migrated = true;
  }
  if (!isRecord(current.exercises)) return { ok: false, problem: 'corrupt' };
  const exercises: Record<string, ExerciseProgress> = {};
  for (const [id, v] of Object.entries(current.exercises)) {
    const e = validExercise(v);
    if (e) exercises[id] = e;
  }
  const doc: ProgressDocument = { app: 'shipshape', version: SCHEMA_VERSION, exercises };
  if (typeof current.lastLesson === 'string') doc.lastLesson = current.lastLesson;
  if (isRecord(current.preferences)) doc.preferences = { plainEditor: current.preferences.plainEditor === true };
  const workshop = validWorkshop(current.workshop);
  if (workshop) doc.workshop = workshop;
  return { ok: true, doc, migrated };
}

export function sameFiles(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  if (!a || !b) return a === b;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

export interface MergeReport {
  doc: ProgressDocument;
  /** Exercises whose text was taken from the imported document (new here, or edited there more recently). */
  imported: string[];
  /** Exercises kept as they are here, because they were edited here more recently. */
  keptNewer: string[];
  /** Exercises identical in both. */
  unchanged: string[];
  /** Exercises whose text was kept but which the imported document had completed: now completed here too. */
  completedFromImport: string[];
}

/**
 * Merges an imported document into the current one. For each exercise the newer edit wins, and a
 * completion is never lost; reports what was taken, what was kept because it was newer here, and
 * what was already the same. Workshop membership and preferences stay as they are here.
 */
export function mergeDocuments(current: ProgressDocument, incoming: ProgressDocument): MergeReport {
  const doc: ProgressDocument = structuredClone(current);
  const report: Omit<MergeReport, 'doc'> = { imported: [], keptNewer: [], unchanged: [], completedFromImport: [] };
  for (const [id, theirs] of Object.entries(incoming.exercises)) {
    const mine = doc.exercises[id];
    if (!mine || theirs.updatedAt > mine.updatedAt) {
      const completed = theirs.completed || (mine?.completed ?? false);
      const completedAt = [theirs.completedAt, mine?.completedAt].filter((t): t is string => Boolean(t)).sort()[0];
      const passedFiles = theirs.passedFiles ?? mine?.passedFiles;
      const hintsShown = Math.max(theirs.hintsShown ?? 0, mine?.hintsShown ?? 0);
      doc.exercises[id] = {
        files: { ...theirs.files },
        completed,
        updatedAt: theirs.updatedAt,
        ...(completed && completedAt ? { completedAt } : {}),
        ...(hintsShown > 0 ? { hintsShown } : {}),
        ...(passedFiles ? { passedFiles: { ...passedFiles } } : {}),
      };
      report.imported.push(id);
      continue;
    }
    if (theirs.completed && !mine.completed) {
      mine.completed = true;
      if (theirs.completedAt) mine.completedAt = theirs.completedAt;
      if (theirs.passedFiles && !mine.passedFiles) mine.passedFiles = { ...theirs.passedFiles };
      report.completedFromImport.push(id);
    }
    if ((theirs.hintsShown ?? 0) > (mine.hintsShown ?? 0)) mine.hintsShown = theirs.hintsShown;
    if (theirs.updatedAt === mine.updatedAt && sameFiles(theirs.files, mine.files)) report.unchanged.push(id);
    else report.keptNewer.push(id);
  }
  if (!doc.lastLesson && incoming.lastLesson) doc.lastLesson = incoming.lastLesson;
  if (!doc.preferences && incoming.preferences) doc.preferences = { ...incoming.preferences };
  return { doc, ...report };
}

type Listener = (doc: ProgressDocument) => void;

export interface ImportOutcome extends Omit<MergeReport, 'doc'> {
  /** Puts back what the import changed, except exercises edited again since. Returns how many it restored. */
  undo: () => number;
}

/** Storage access with the fallbacks described above. One instance per page. */
export class ProgressStore {
  private doc: ProgressDocument;
  private persistent: boolean;
  readonly problems: LoadProblem[] = [];
  /** Where a corrupt or foreign document was kept, if one was. */
  backupKey?: string;
  private listeners = new Set<Listener>();
  private readonly storage: Storage | null;
  /** The stored text this instance last read or wrote: unchanged means nothing to re-read. */
  private lastRaw: string | null = null;

  constructor(storage: Storage | null = safeLocalStorage()) {
    this.storage = storage;
    this.persistent = storage !== null;
    if (!storage) this.problems.push('unavailable');
    let raw: string | null = null;
    try {
      raw = storage?.getItem(STORAGE_KEY) ?? null;
    } catch {
      this.persistent = false;
      this.problems.push('unavailable');
    }
    const parsed = parseDocument(raw);
    if (parsed.ok) {
      this.doc = parsed.doc;
      this.lastRaw = raw;
      if (parsed.migrated) this.write();
    } else {
      this.problems.push(parsed.problem);
      this.doc = emptyDocument();
      if (parsed.problem === 'newer') {
        // a newer version of the site wrote it: leave it where it is, save nothing, ask for a reload
        this.persistent = false;
      } else {
        this.keepAside(raw ?? '');
      }
    }
  }

  get isPersistent(): boolean {
    return this.persistent;
  }

  get document(): ProgressDocument {
    return this.doc;
  }

  exercise(id: string): ExerciseProgress | undefined {
    return this.doc.exercises[id];
  }

  /** The text of the document kept aside, for the learner to download; null when there is none. */
  backupText(): string | null {
    return this.backupKey ? this.readBackup(this.backupKey) : null;
  }

  /** Documents set aside in this browser (by this page or an earlier one), oldest first. */
  backups(): { key: string; at: string }[] {
    const out: { key: string; at: string }[] = [];
    try {
      for (let i = 0; i < (this.storage?.length ?? 0); i++) {
        const key = this.storage?.key(i);
        if (key?.startsWith(BACKUP_PREFIX)) out.push({ key, at: key.slice(BACKUP_PREFIX.length) });
      }
    } catch {
      return [];
    }
    return out.sort((a, b) => a.at.localeCompare(b.at));
  }

  readBackup(key: string): string | null {
    try {
      return key.startsWith(BACKUP_PREFIX) ? (this.storage?.getItem(key) ?? null) : null;
    } catch {
      return null;
    }
  }

  /** Deletes a set-aside document: only ever on the learner's explicit request. */
  deleteBackup(key: string): void {
    try {
      if (key.startsWith(BACKUP_PREFIX)) this.storage?.removeItem(key);
    } catch {
      // storage switched off: nothing to delete
    }
    if (key === this.backupKey) this.backupKey = undefined;
    for (const l of this.listeners) l(this.doc);
  }

  /**
   * Saves an exercise's text after grading. Writes nothing when nothing changed (opening a lesson
   * must not make untouched exercises look freshly edited). `passed` is this text's grade.
   */
  saveFiles(id: string, files: Record<string, string>, passed: boolean): void {
    this.commit((doc) => {
      const prev = doc.exercises[id];
      const edited = !prev || !sameFiles(prev.files, files);
      const newlyCompleted = passed && !prev?.completed;
      const newPassingText = passed && !sameFiles(prev?.passedFiles, files);
      if (!edited && !newlyCompleted && !newPassingText) return false;
      const now = new Date().toISOString();
      const completed = passed || (prev?.completed ?? false);
      doc.exercises[id] = {
        ...prev,
        files: { ...files },
        completed,
        updatedAt: edited ? now : (prev?.updatedAt ?? now),
        ...(completed ? { completedAt: prev?.completedAt ?? now } : {}),
        ...(passed ? { passedFiles: { ...files } } : {}),
      };
      if (edited) doc.lastLesson = id.split('/')[0];
      return true;
    });
  }

  /** Remembers how many hints were revealed; `files` is the current text, kept when nothing was saved yet. */
  setHintsShown(id: string, count: number, files: Record<string, string>): void {
    this.commit((doc) => {
      const prev = doc.exercises[id];
      if (prev && (prev.hintsShown ?? 0) >= count) return false;
      doc.exercises[id] = prev ? { ...prev, hintsShown: count } : { files: { ...files }, completed: false, updatedAt: NEVER_EDITED, hintsShown: count };
      return true;
    });
  }

  setPlainEditor(plain: boolean): void {
    this.commit((doc) => {
      doc.preferences = { ...doc.preferences, plainEditor: plain };
    });
  }

  /** Joins a workshop (replacing any other), or leaves workshop mode with `undefined`. */
  setWorkshop(membership: WorkshopMembership | undefined): void {
    this.commit((doc) => {
      if (membership) doc.workshop = structuredClone(membership);
      else delete doc.workshop;
    });
  }

  /** Merges an imported document into this browser's, and returns what happened with a way to undo it. */
  importDocument(incoming: ProgressDocument): ImportOutcome {
    let report: MergeReport | undefined;
    let before: ProgressDocument | undefined;
    this.commit((doc) => {
      before = structuredClone(doc);
      report = mergeDocuments(doc, incoming);
      // a copy: later saves change the live document, and undo must compare against what the import wrote
      Object.assign(doc, structuredClone(report.doc));
      return report.imported.length + report.completedFromImport.length > 0 || doc.lastLesson !== before.lastLesson;
    });
    const { doc: merged, ...summary } = report!;
    const previous = before!;
    const touched = [...summary.imported, ...summary.completedFromImport];
    return {
      ...summary,
      undo: () => {
        let restored = 0;
        this.commit((doc) => {
          for (const id of touched) {
            // an exercise edited again after the import keeps that newer work
            if (doc.exercises[id]?.updatedAt !== merged.exercises[id]?.updatedAt) continue;
            if (previous.exercises[id]) doc.exercises[id] = previous.exercises[id];
            else delete doc.exercises[id];
            restored++;
          }
          if (doc.lastLesson === merged.lastLesson && previous.lastLesson !== merged.lastLesson) {
            if (previous.lastLesson) doc.lastLesson = previous.lastLesson;
            else delete doc.lastLesson;
          }
          return restored > 0;
        });
        return restored;
      },
    };
  }

  /** Re-reads the stored document (another tab may have written it) and tells the listeners. */
  refresh(): void {
    if (this.reload()) for (const l of this.listeners) l(this.doc);
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Read, change, write: the change applies to the latest stored document, not a stale copy. */
  private commit(change: (doc: ProgressDocument) => boolean | void): void {
    this.reload();
    if (change(this.doc) === false) return;
    this.write();
  }

  /** Loads the stored document when another tab changed it; returns whether anything changed. */
  private reload(): boolean {
    if (!this.persistent || !this.storage) return false;
    let raw: string | null;
    try {
      raw = this.storage.getItem(STORAGE_KEY);
    } catch {
      return false;
    }
    if (raw === this.lastRaw || raw === null) return false;
    const parsed = parseDocument(raw);
    if (!parsed.ok) {
      if (!this.problems.includes(parsed.problem)) this.problems.push(parsed.problem);
      this.lastRaw = raw;
      // a newer version of the site in another tab wrote it: stop writing here (this page says so)
      if (parsed.problem === 'newer') this.persistent = false;
      // something unreadable: keep it aside before our next write replaces it
      else this.keepAside(raw);
      return false;
    }
    this.doc = parsed.doc;
    this.lastRaw = raw;
    return true;
  }

  private keepAside(raw: string): void {
    this.backupKey = `${BACKUP_PREFIX}${new Date().toISOString()}`;
    try {
      this.storage?.setItem(this.backupKey, raw);
      this.storage?.removeItem(STORAGE_KEY);
    } catch {
      this.persistent = false;
      if (!this.problems.includes('unavailable')) this.problems.push('unavailable');
    }
  }

  private write(): void {
    if (this.persistent && this.storage) {
      const raw = JSON.stringify(this.doc);
      try {
        this.storage.setItem(STORAGE_KEY, raw);
        this.lastRaw = raw;
      } catch {
        // quota exceeded or storage switched off mid-session: keep working in memory
        this.persistent = false;
        if (!this.problems.includes('unavailable')) this.problems.push('unavailable');
      }
    }
    for (const l of this.listeners) l(this.doc);
  }
}

function safeLocalStorage(): Storage | null {
  try {
    const s = globalThis.localStorage;
    if (!s) return null;
    const probe = `${STORAGE_KEY}:probe`;
    s.setItem(probe, '1');
    s.removeItem(probe);
    return s;
  } catch {
    return null;
  }
}

let shared: ProgressStore | undefined;
export function progressStore(): ProgressStore {
  if (!shared) {
    const store = new ProgressStore();
    shared = store;
    // another tab saved: pick it up, so this page shows it and never writes a stale copy back
    globalThis.addEventListener?.('storage', (e: StorageEvent) => {
      if (e.key === STORAGE_KEY || e.key === null) store.refresh();
    });
  }
  return shared;
}
