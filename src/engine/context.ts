/**
 * The build context: which files `docker build` makes available, and which of them each COPY/ADD
 * reads. Pure and synchronous, no DOM and no Node APIs; a context of thousands of files costs
 * one .dockerignore evaluation per file and per directory.
 *
 * API (the page's build-context panel, the CLI and the context rules use the same functions):
 * - `computeBuildContext(files, dockerignore?)`: the files sent and the files excluded, each with
 *   the .dockerignore line that decided, plus sizes. `files` are ContextFile entries with paths
 *   relative to the context root (`src/app.ts`; a trailing `/` marks an empty directory).
 * - `copyInstructions(model)`: every COPY/ADD with its sources parsed (shell and JSON forms,
 *   heredocs, URLs), `$VAR` / `${VAR}` replaced as BuildKit does with the ARG defaults and ENV
 *   values in scope of the stage (a global ARG counts once the stage redeclares it); a source with
 *   a variable that has no known value stays kind `variable`. No context is looked at.
 * - `resolveCopies(model, context)`: each source resolved as BuildKit does: paths cleaned against
 *   the context root, wildcards matched with Go's filepath.Match (a matched directory is taken
 *   whole), `--exclude` applied, `COPY --from` left out (it does not read the context).
 * - `analyzeBuild(model, input)`: both of the above for a lint input, memoized per model; undefined
 *   when `input.context` is absent (the context is unknown).
 * - `describeBuildContext(input, model?)`: the same as plain data (JSON-safe) for the panel.
 *
 * "Sent" means "in the build context", available to the build. BuildKit transfers only the paths
 * the instructions name (all of them for `COPY . .`) and the classic builder sends everything,
 * but in both nothing the .dockerignore excludes can ever be read.
 */
import { DockerignoreMatcher, normalizeContextPath, parseDockerignore, parsePatternList, type Dockerignore, type DockerignoreProblem, type IgnorePattern } from './dockerignore.ts';
import { cleanPath, goPathMatch } from './go-match.ts';
import type { DockerfileModel, Instruction, Stage } from './model.ts';
import { resolveText, variablesAt } from './runtime.ts';
import type { ContextFile, LintInput, Range } from './types.ts';

export interface ExcludedFile {
  path: string;
  size: number;
  /** The .dockerignore line that excluded it (for a file below an excluded directory, that directory's line). */
  pattern: IgnorePattern | undefined;
}

export interface ContextEntry {
  /** Normalized path, '' for the context root. */
  path: string;
  type: 'file' | 'dir' | 'missing';
  /** Whether the build can read it. A directory is there when it is not excluded or something inside is re-included. */
  sent: boolean;
  /** The .dockerignore pattern that decided, if one matched. */
  pattern?: IgnorePattern;
}

/** A project directory as the build sees it through its .dockerignore. */
export class BuildContext {
  /** Every file given, with normalized paths, in input order (duplicates: the last one wins). */
  readonly files: readonly ContextFile[];
  readonly dockerignore: Dockerignore | undefined;
  readonly matcher: DockerignoreMatcher | undefined;
  /** The files the build receives. */
  readonly included: readonly ContextFile[];
  readonly excluded: readonly ExcludedFile[];
  readonly includedSize: number;
  readonly excludedSize: number;
  private readonly byPath = new Map<string, ContextFile>();
  private readonly dirs = new Set<string>();
  private readonly sentFiles = new Set<string>();
  private readonly sentDirs = new Set<string>();

  constructor(files: readonly ContextFile[], dockerignore?: string | Dockerignore) {
    this.dockerignore = typeof dockerignore === 'string' ? parseDockerignore(dockerignore) : dockerignore;
    this.matcher = this.dockerignore ? new DockerignoreMatcher(this.dockerignore) : undefined;
    for (const f of files) {
      const isDir = f.path.endsWith('/');
      const path = normalizeContextPath(f.path);
      if (path === '' || path === '..' || path.startsWith('../')) continue;
      if (isDir) this.dirs.add(path);
      else this.byPath.set(path, path === f.path ? f : { ...f, path });
      addParents(path, this.dirs);
    }
    this.files = [...this.byPath.values()];
    const included: ContextFile[] = [];
    const excluded: ExcludedFile[] = [];
    let includedSize = 0;
    let excludedSize = 0;
    for (const f of this.files) {
      const m = this.matcher?.match(f.path);
      if (m?.excluded) {
        excluded.push({ path: f.path, size: f.size, pattern: m.pattern });
        excludedSize += f.size;
      } else {
        included.push(f);
        includedSize += f.size;
        this.sentFiles.add(f.path);
        addParents(f.path, this.sentDirs);
      }
    }
    // a directory that is not excluded itself is sent, even when everything in it is
    for (const d of this.dirs) if (!this.matcher?.match(d).excluded) this.sentDirs.add(d);
    this.included = included;
    this.excluded = excluded;
    this.includedSize = includedSize;
    this.excludedSize = excludedSize;
  }

  /** What the context has at a path, and whether the build gets it. */
  lookup(path: string): ContextEntry {
    const p = normalizeContextPath(path);
    if (p === '') return { path: p, type: 'dir', sent: true };
    const type = this.byPath.has(p) ? 'file' : this.dirs.has(p) ? 'dir' : 'missing';
    if (type === 'missing') return { path: p, type, sent: false };
    const m = this.matcher?.match(p);
    const sent = type === 'file' ? this.sentFiles.has(p) : this.sentDirs.has(p);
    return { path: p, type, sent, ...(m?.pattern ? { pattern: m.pattern } : {}) };
  }

  file(path: string): ContextFile | undefined {
    return this.byPath.get(normalizeContextPath(path));
  }

  isSent(path: string): boolean {
    if (this.sentFiles.has(path) || this.sentDirs.has(path)) return true;
    const p = normalizeContextPath(path);
    return p === '' || this.sentFiles.has(p) || this.sentDirs.has(p);
  }

  /** Files below a directory ('' for all), sent or not, in input order. */
  filesUnder(dir: string): ContextFile[] {
    const d = normalizeContextPath(dir);
    if (d === '') return [...this.files];
    const prefix = d + '/';
    return this.files.filter((f) => f.path.startsWith(prefix));
  }

  /** Paths (files and directories) below a directory ('' for all), sorted. */
  entriesUnder(dir: string): string[] {
    return this.unsortedEntriesUnder(dir).sort();
  }

  /** A scan per call: cheaper than keeping a sorted index for the few scans a Dockerfile needs. */
  private unsortedEntriesUnder(dir: string): string[] {
    const d = normalizeContextPath(dir);
    const prefix = d === '' ? '' : d + '/';
    const out: string[] = [];
    for (const p of this.byPath.keys()) if (p.startsWith(prefix)) out.push(p);
    for (const p of this.dirs) if (p.startsWith(prefix)) out.push(p);
    return out;
  }

  /** Entries below `dir` whose path relative to it satisfies `test`, sorted. */
  entriesMatching(dir: string, test: (relative: string) => boolean): string[] {
    const d = normalizeContextPath(dir);
    const cut = d === '' ? 0 : d.length + 1;
    return this.unsortedEntriesUnder(d)
      .filter((p) => test(p.slice(cut)))
      .sort();
  }

  isDirectory(path: string): boolean {
    const p = normalizeContextPath(path);
    return p === '' || this.dirs.has(p);
  }
}

/** Adds a path's parent directories to a set, stopping at the first one already there. */
function addParents(path: string, dirs: Set<string>): void {
  for (let i = path.lastIndexOf('/'); i > 0; i = path.lastIndexOf('/', i - 1)) {
    const dir = path.slice(0, i);
    if (dirs.has(dir)) return;
    dirs.add(dir);
  }
}

export function computeBuildContext(files: readonly ContextFile[], dockerignore?: string | Dockerignore): BuildContext {
  return new BuildContext(files, dockerignore);
}

// ---------------------------------------------------------------------------------------------
// COPY/ADD sources

export type SourceKind = 'path' | 'glob' | 'url' | 'heredoc' | 'variable';

export interface CopySource {
  /** The source as written. */
  text: string;
  /** The source with its variables replaced (the same as `text` when it has none, or when one is unknown). */
  expanded: string;
  range: Range;
  kind: SourceKind;
  /** For paths and globs: relative to the context root, cleaned ('.' for the root). */
  path: string;
}

export interface CopyInstruction {
  instruction: Instruction;
  stage: Stage;
  keyword: 'COPY' | 'ADD';
  /** `--from`: the sources come from a stage or an image, not from the context. */
  from: string | null;
  sources: CopySource[];
  destination: { text: string; range: Range } | undefined;
  /** `--exclude` patterns. */
  excludes: string[];
  /** `--parents`. */
  parents: boolean;
}

/** filepath.Split into BuildKit's non-wildcard base and wildcard rest (fsutil copy splitWildcards). */
function containsWildcards(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const ch = name[i];
    if (ch === '\\') i++;
    else if (ch === '*' || ch === '?' || ch === '[') return true;
  }
  return false;
}

function splitWildcards(path: string): { base: string; rest: string } {
  const parts = path.split('/');
  const k = parts.findIndex(containsWildcards);
  if (k < 0) return { base: path, rest: '' };
  return { base: parts.slice(0, k).join('/'), rest: parts.slice(k).join('/') };
}

function slashCount(s: string): number {
  let n = 0;
  for (let i = s.indexOf('/'); i >= 0; i = s.indexOf('/', i + 1)) n++;
  return n;
}

const URL_SOURCE = /^(?:[a-z][a-z0-9+.-]*:\/\/|git@[^:]+:)/i;

function sourceOf(text: string, range: Range, vars: ReadonlyMap<string, string | undefined>): CopySource {
  if (text.startsWith('<<')) return { text, expanded: text, range, kind: 'heredoc', path: '' };
  // BuildKit expands ARG and ENV values in COPY/ADD sources (shell and JSON form alike)
  const resolved = text.includes('$') ? resolveText(text, vars) : text;
  if (URL_SOURCE.test(resolved ?? text)) return { text, expanded: resolved ?? text, range, kind: 'url', path: '' };
  if (resolved === undefined || resolved.includes('$')) return { text, expanded: text, range, kind: 'variable', path: '' };
  const expanded = resolved;
  const rel = cleanPath('/' + expanded).slice(1);
  const path = rel === '' ? '.' : rel;
  return { text, expanded, range, kind: containsWildcards(path) ? 'glob' : 'path', path };
}

/** JSON-form arguments with the ranges of their string contents. */
function jsonWords(ins: Instruction, doc: DockerfileModel['doc']): { value: string; range: Range }[] | null {
  const text = ins.argumentsText.trim();
  if (!text.startsWith('[')) return null;
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch {
    return null; // not JSON: Docker reads it as shell form
  }
  if (!Array.isArray(values) || !values.every((v) => typeof v === 'string')) return null;
  const first = ins.args[0];
  const last = ins.args[ins.args.length - 1];
  if (!first || !last) return null;
  const start = doc.offsetAt(first.range.start);
  const end = doc.offsetAt(last.range.end);
  const found: { value: string; range: Range }[] = [];
  for (let i = start; i < end; i++) {
    if (doc.text[i] !== '"') continue;
    let j = i + 1;
    while (j < end && doc.text[j] !== '"') j += doc.text[j] === '\\' ? 2 : 1;
    found.push({ value: values[found.length] as string, range: doc.range(i + 1, j) });
    i = j;
  }
  if (found.length !== values.length) {
    // the JSON spans continuations in a way the scan cannot follow: point at the whole argument list
    const whole = doc.range(start, end);
    return (values as string[]).map((value) => ({ value, range: whole }));
  }
  return found;
}

const NO_VARIABLES: ReadonlyMap<string, string | undefined> = new Map();

/** Every COPY and ADD of every stage, sources parsed. */
export function copyInstructions(model: DockerfileModel): CopyInstruction[] {
  // several rules ask on every lint: kept on the model (see ModelReadings)
  const readings = (model.readings ??= {});
  if (readings.copies) return readings.copies;
  const out: CopyInstruction[] = [];
  for (const stage of model.stages) {
    for (const ins of stage.instructions) {
      if (ins.keyword !== 'COPY' && ins.keyword !== 'ADD') continue;
      // the instruction's own words are only read here, never changed: no copy
      let words: readonly { value: string; range: Range }[] = jsonWords(ins, model.doc) ?? ins.args;
      if (ins.heredocs.length > 0) {
        // heredoc bodies follow the instruction's first line; only the header holds arguments
        const bodyLine = ins.heredocs.find((h) => h.range)?.range?.start.line;
        if (bodyLine !== undefined) words = words.filter((w) => w.range.start.line < bodyLine);
      }
      // with fewer than two words the instruction is malformed, and copies nothing
      const destination = words.length > 1 ? words[words.length - 1] : undefined;
      const vars = destination && words.some((w) => w.value.includes('$')) ? variablesAt(model, stage, ins) : NO_VARIABLES;
      const sources = destination ? words.slice(0, -1).map((w) => sourceOf(w.value, w.range, vars)) : [];
      out.push({
        instruction: ins,
        stage,
        keyword: ins.keyword,
        from: ins.flags.find((f) => f.name === 'from')?.value ?? null,
        sources,
        destination: destination ? { text: destination.value, range: destination.range } : undefined,
        excludes: ins.flags.filter((f) => f.name === 'exclude' && f.value).map((f) => f.value as string),
        parents: ins.flags.some((f) => f.name === 'parents' && f.value !== 'false'),
      });
    }
  }
  readings.copies = out;
  return out;
}

export type SourceStatus =
  /** The build finds it (a directory may still have excluded files inside). */
  | 'ok'
  /** It exists in the project, but the .dockerignore keeps it (or everything in it) out. */
  | 'ignored'
  /** A plain path that is not in the context: the build fails. */
  | 'missing'
  /** A wildcard that matches nothing: BuildKit copies nothing and carries on. */
  | 'no-match'
  /** Not read from the context here (URL, heredoc, variable, COPY --from), or not resolvable. */
  | 'unresolved';

export interface ResolvedSource extends CopySource {
  status: SourceStatus;
  /** Context paths the source names (glob matches, or the path itself), before the .dockerignore. */
  matches: string[];
  /** Files the instruction receives from this source, after the .dockerignore and `--exclude`. */
  files: ContextFile[];
  /** Named paths the .dockerignore keeps out, each with the deciding pattern. */
  ignored: { path: string; pattern: IgnorePattern | undefined }[];
  /** The source is (or a wildcard matched) a directory: its contents are copied. */
  directory: boolean;
}

export interface ResolvedCopy extends CopyInstruction {
  resolved: ResolvedSource[];
}

function withinExcludes(root: string, path: string, excludes: DockerignoreMatcher | undefined): boolean {
  if (!excludes) return false;
  const rel = root === '' || root === '.' ? path : path.slice(root.length + 1);
  return excludes.match(rel).excluded;
}

function resolveSource(src: CopySource, copy: CopyInstruction, ctx: BuildContext, excludes: DockerignoreMatcher | undefined): ResolvedSource {
  const unresolved = (): ResolvedSource => ({ ...src, status: 'unresolved', matches: [], files: [], ignored: [], directory: false });
  if (copy.from !== null || (src.kind !== 'path' && src.kind !== 'glob')) return unresolved();
  // `--parents` with `**` follows fsutil's include-pattern rules, which are not modelled here
  if (copy.parents && src.text.includes('**')) return unresolved();

  let named: string[];
  if (src.kind === 'path') {
    named = [src.path === '.' ? '' : src.path];
  } else {
    const { base, rest } = splitWildcards(src.path);
    if (base !== '' && !ctx.isDirectory(base)) named = [];
    else {
      // `*` and `?` never match `/`: without a class, a match has exactly the pattern's slashes
      const slashes = rest.includes('[') ? -1 : slashCount(rest);
      const matched = ctx.entriesMatching(base, (rel) => (slashes < 0 || slashCount(rel) === slashes) && goPathMatch(rest, rel).matched);
      // a matched directory is taken whole: the walk does not look inside it
      const dirs = new Set(matched.filter((p) => ctx.isDirectory(p)));
      named = matched.filter((p) => {
        for (let i = p.lastIndexOf('/'); i > 0; i = p.lastIndexOf('/', i - 1)) if (dirs.has(p.slice(0, i))) return false;
        return true;
      });
    }
  }

  const files: ContextFile[] = [];
  const ignored: ResolvedSource['ignored'] = [];
  let foundAny = false;
  let sentAny = false;
  let directory = false;
  for (const p of named) {
    const entry = ctx.lookup(p);
    if (entry.type === 'missing') continue;
    foundAny = true;
    if (entry.type === 'file') {
      if (entry.sent) {
        sentAny = true;
        const f = ctx.file(p);
        if (f) files.push(f);
      } else ignored.push({ path: p, pattern: entry.pattern });
      continue;
    }
    directory = true;
    const inside = ctx.filesUnder(p);
    const sentInside = inside.filter((f) => ctx.isSent(f.path));
    if (!entry.sent || (inside.length > 0 && sentInside.length === 0)) {
      // the directory, or everything in it, is excluded: name the line that did it
      const pattern = entry.sent ? ctx.matcher?.match(inside[0].path).pattern : entry.pattern;
      ignored.push({ path: p === '' ? '.' : p, pattern });
      continue;
    }
    sentAny = true;
    for (const f of sentInside) if (!withinExcludes(p, f.path, excludes)) files.push(f);
  }

  const status: SourceStatus = sentAny ? 'ok' : foundAny ? 'ignored' : src.kind === 'glob' ? 'no-match' : 'missing';
  return { ...src, status, matches: named.map((p) => (p === '' ? '.' : p)), files, ignored, directory };
}

export function resolveCopy(copy: CopyInstruction, ctx: BuildContext): ResolvedCopy {
  const excludes = copy.excludes.length > 0 ? new DockerignoreMatcher(parsePatternList(copy.excludes)) : undefined;
  return { ...copy, resolved: copy.sources.map((s) => resolveSource(s, copy, ctx, excludes)) };
}

export function resolveCopies(model: DockerfileModel, ctx: BuildContext): ResolvedCopy[] {
  return copyInstructions(model).map((c) => resolveCopy(c, ctx));
}

// ---------------------------------------------------------------------------------------------
// For rules and the page

export interface BuildAnalysis {
  context: BuildContext;
  copies: ResolvedCopy[];
  /** Resolved COPY/ADD by instruction index in the model. */
  byInstruction: Map<number, ResolvedCopy>;
}

/** A model's BuildAnalysis with the context and .dockerignore it was made from (kept on the model, see ModelReadings). */
export interface KeptAnalysis {
  files: readonly ContextFile[];
  dockerignore: string | undefined;
  analysis: BuildAnalysis;
}

/** The context and every COPY/ADD resolved against it; undefined when the context is unknown. */
export function analyzeBuild(model: DockerfileModel, input: LintInput): BuildAnalysis | undefined {
  if (!input.context) return undefined;
  const readings = (model.readings ??= {});
  const cached = readings.analysis;
  if (cached && cached.files === input.context && cached.dockerignore === input.dockerignore) return cached.analysis;
  const context = new BuildContext(input.context, input.dockerignore === undefined ? undefined : dockerignoreOf(input.dockerignore));
  const copies = resolveCopies(model, context);
  const analysis: BuildAnalysis = { context, copies, byInstruction: new Map(copies.map((c) => [c.instruction.index, c])) };
  readings.analysis = { files: input.context, dockerignore: input.dockerignore, analysis };
  return analysis;
}

let lastParsed: { text: string; file: Dockerignore } | undefined;

/** parseDockerignore, remembering the last text: the rules of one lint all ask for the same file. */
export function dockerignoreOf(text: string): Dockerignore {
  if (lastParsed?.text !== text) lastParsed = { text, file: parseDockerignore(text) };
  return lastParsed.file;
}

export interface BuildContextReport {
  /** Files in the project, sent or not. */
  totalFiles: number;
  includedSize: number;
  excludedSize: number;
  included: { path: string; size: number }[];
  /** `line` is zero-based, like every position in the engine. */
  excluded: { path: string; size: number; pattern?: { text: string; line: number } }[];
  problems: DockerignoreProblem[];
  copies: {
    stage: number;
    keyword: 'COPY' | 'ADD';
    range: Range;
    sources: { text: string; range: Range; status: SourceStatus; files: number; size: number; ignored: { path: string; pattern?: { text: string; line: number } }[] }[];
  }[];
}

const patternRef = (p: IgnorePattern | undefined) => (p ? { pattern: { text: p.text, line: p.line } } : {});

/** Plain data for the build-context panel and the CLI; undefined when the context is unknown. */
export function describeBuildContext(input: LintInput, model?: DockerfileModel): BuildContextReport | undefined {
  if (!input.context) return undefined;
  const context = new BuildContext(input.context, input.dockerignore);
  const copies = model ? resolveCopies(model, context).filter((c) => c.from === null) : [];
  return {
    totalFiles: context.files.length,
    includedSize: context.includedSize,
    excludedSize: context.excludedSize,
    included: context.included.map((f) => ({ path: f.path, size: f.size })),
    excluded: context.excluded.map((e) => ({ path: e.path, size: e.size, ...patternRef(e.pattern) })),
    problems: context.dockerignore?.problems ?? [],
    copies: copies.map((c) => ({
      stage: c.stage.index,
      keyword: c.keyword,
      range: c.instruction.range,
      sources: c.resolved.map((s) => ({
        text: s.text,
        range: s.range,
        status: s.status,
        files: s.files.length,
        size: s.files.reduce((n, f) => n + f.size, 0),
        ignored: s.ignored.map((i) => ({ path: i.path, ...patternRef(i.pattern) })),
      })),
    })),
  };
}

/** `1 file`, `3 files`. */
export function countOf(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`;
}

/** Sizes as people read them: `512 B`, `14 KB`, `3.2 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value >= 10 ? Math.round(value) : Math.round(value * 10) / 10} ${units[unit]}`;
}
