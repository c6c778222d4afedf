/**
 * The learner's progress: one versioned JSON document in localStorage. Nothing is ever lost:
 * - a corrupt or foreign document is moved aside under a backup key (not deleted) and reported;
 * - when storage is full or disabled, progress lives in memory and the page says so;
 * - older versions are migrated forward.
 * Pure logic (parse, migrate, merge) is separate from the storage access so it can be unit-tested.
 */

export const STORAGE_KEY = 'shipshape:progress';
export const SCHEMA_VERSION = 1;

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
}

export interface ProgressDocument {
  app: 'shipshape';
  version: typeof SCHEMA_VERSION;
  exercises: Record<string, ExerciseProgress>;
  /** The last lesson the learner worked in, for "continue where you left off". */
  lastLesson?: string;
  preferences?: { plainEditor?: boolean };
}

export type LoadProblem = 'corrupt' | 'foreign' | 'newer' | 'unavailable';

export function emptyDocument(): ProgressDocument {
  return { app: 'shipshape', version: SCHEMA_VERSION, exercises: {} };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validExercise(v: unknown): ExerciseProgress | null {
  if (!isRecord(v) || !isRecord(v.files) || typeof v.completed !== 'boolean' || typeof v.updatedAt !== 'string') return null;
  const files: Record<string, string> = {};
  for (const [k, text] of Object.entries(v.files)) if (typeof text === 'string') files[k] = text;
  return {
    files,
    completed: v.completed,
    updatedAt: v.updatedAt,
    ...(typeof v.completedAt === 'string' ? { completedAt: v.completedAt } : {}),
    ...(typeof v.hintsShown === 'number' ? { hintsShown: v.hintsShown } : {}),
  };
}

/** Migrations from version N to N+1. Version 0 is the unversioned `{ [id]: { text, done } }` draft format. */
const MIGRATIONS: Record<number, (doc: Record<string, unknown>) => Record<string, unknown>> = {
  0: (doc) => {
    const exercises: Record<string, unknown> = {};
    for (const [id, v] of Object.entries(doc)) {
      if (!isRecord(v) || typeof v.text !== 'string') continue;
      exercises[id] = { files: { Dockerfile: v.text }, completed: v.done === true, updatedAt: new Date(0).toISOString() };
    }
    return { app: 'shipshape', version: 1, exercises };
  },
};

export type ParseOutcome = { ok: true; doc: ProgressDocument; migrated: boolean } | { ok: false; problem: Exclude<LoadProblem, 'unavailable'> };

/** Parses a stored document, migrating old versions; never throws. */
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
  return { ok: true, doc, migrated };
}

/**
 * Merges an imported document into the current one. For each exercise the newer edit wins, and a
 * completion is never lost; returns what was taken and what was kept because it was newer here.
 */
export function mergeDocuments(current: ProgressDocument, incoming: ProgressDocument): { doc: ProgressDocument; imported: string[]; keptNewer: string[] } {
  const doc: ProgressDocument = structuredClone(current);
  const imported: string[] = [];
  const keptNewer: string[] = [];
  for (const [id, theirs] of Object.entries(incoming.exercises)) {
    const mine = doc.exercises[id];
    if (!mine || theirs.updatedAt > mine.updatedAt) {
      doc.exercises[id] = {
        ...theirs,
        completed: theirs.completed || (mine?.completed ?? false),
        ...(mine?.completedAt && (!theirs.completedAt || mine.completedAt < theirs.completedAt) ? { completedAt: mine.completedAt } : {}),
      };
      imported.push(id);
    } else {
      if (theirs.completed && !mine.completed) {
        mine.completed = true;
        mine.completedAt = theirs.completedAt;
      }
      if (theirs.updatedAt < mine.updatedAt) keptNewer.push(id);
    }
  }
  return { doc, imported, keptNewer };
}

type Listener = (doc: ProgressDocument) => void;

/** Storage access with the fallbacks described above. One instance per page. */
export class ProgressStore {
  private doc: ProgressDocument;
  private persistent: boolean;
  readonly problems: LoadProblem[] = [];
  /** Where a corrupt or foreign document was kept, if one was. */
  backupKey?: string;
  private listeners = new Set<Listener>();
  private readonly storage: Storage | null;

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
      if (parsed.migrated) this.write();
    } else {
      this.problems.push(parsed.problem);
      this.doc = emptyDocument();
      // keep the unreadable document aside, never delete it
      this.backupKey = `${STORAGE_KEY}:backup:${new Date().toISOString()}`;
      try {
        storage?.setItem(this.backupKey, raw ?? '');
        storage?.removeItem(STORAGE_KEY);
      } catch {
        this.persistent = false;
        this.problems.push('unavailable');
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

  saveFiles(id: string, files: Record<string, string>, completed: boolean): void {
    const now = new Date().toISOString();
    const prev = this.doc.exercises[id];
    const everCompleted = completed || (prev?.completed ?? false);
    this.doc.exercises[id] = {
      ...prev,
      files,
      completed: everCompleted,
      updatedAt: now,
      ...(everCompleted ? { completedAt: prev?.completedAt ?? now } : {}),
    };
    this.doc.lastLesson = id.split('/')[0];
    this.write();
  }

  setHintsShown(id: string, count: number): void {
    const prev = this.doc.exercises[id];
    if (!prev) return;
    prev.hintsShown = Math.max(prev.hintsShown ?? 0, count);
    this.write();
  }

  setPlainEditor(plain: boolean): void {
    this.doc.preferences = { ...this.doc.preferences, plainEditor: plain };
    this.write();
  }

  replace(doc: ProgressDocument): void {
    this.doc = doc;
    this.write();
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private write(): void {
    if (this.persistent && this.storage) {
      try {
        this.storage.setItem(STORAGE_KEY, JSON.stringify(this.doc));
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
  shared ??= new ProgressStore();
  return shared;
}
