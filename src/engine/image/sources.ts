/**
 * COPY/ADD sources against the exercise's virtual build context, with Docker's semantics: `.` and
 * directories copy their contents, wildcards match with Go's filepath.Match, a file copied to a
 * path ending in `/` (or with several sources) keeps its name, and files .dockerignore excludes
 * are not in the context at all (dockerignore.ts decides that, with Docker's pattern semantics).
 */
import { DockerignoreMatcher, normalizeContextPath, parsePatternList } from '../dockerignore.ts';
import { goPathMatch } from '../go-match.ts';
import type { ContextFile } from '../types.ts';
import { memo, type ImageContext } from './state.ts';
import { basename, cleanPath } from './words.ts';

export interface ContextIndex {
  /** False when the input has no context (sizes of COPY are then unknown). */
  known: boolean;
  /** Files sent to the builder (after .dockerignore). */
  files: ContextFile[];
  /** Paths .dockerignore leaves out. */
  ignored: Set<string>;
  byPath: Map<string, ContextFile>;
  /** Every directory of a sent file, `''` for the root. */
  dirs: Set<string>;
  /** Whether .dockerignore keeps a path out (a directory's own line, or a parent's). */
  isIgnored(path: string): boolean;
}

export interface CopiedFile {
  /** Path in the context. */
  source: string;
  /** Path in the image. */
  dest: string;
  size: number;
}

/**
 * What a source whose every file .dockerignore keeps out does, as context.ts judges it for the
 * rules: a named file or directory that is not sent fails the build ("not found"); a directory that
 * is sent with all its contents excluded is copied empty; a wildcard copies nothing. Either way no
 * change to those files reaches the build, so they never invalidate the step (cache.ts).
 */
export type ExcludedEffect = 'fails' | 'empty-directory' | 'nothing';

export interface ResolvedCopy {
  files: CopiedFile[];
  bytes: number;
  /** Plain sources that are not in the context: the build fails on them. */
  missing: string[];
  /** Wildcard sources that match nothing: BuildKit copies nothing for them and carries on. */
  noMatch: string[];
  /** Sources whose files .dockerignore excludes (they match, but are not sent). */
  excluded: { source: string; effect: ExcludedEffect }[];
}

/** Normalises a context path: no leading `./` or `/`, no trailing `/`. */
export function contextPath(p: string): string {
  return normalizeContextPath(p);
}

/** The .dockerignore matcher (dockerignore.ts, Docker's own semantics); null when there is none. */
function ignoreMatcher(ctx: ImageContext): DockerignoreMatcher | null {
  return memo(ctx, 'dockerignore', () => (ctx.input.dockerignore ? new DockerignoreMatcher(ctx.input.dockerignore) : null));
}

export function contextIndex(ctx: ImageContext): ContextIndex {
  return memo(ctx, 'context', () => {
    const all = ctx.input.context;
    const matcher = ignoreMatcher(ctx);
    const isIgnored = (path: string) => matcher?.match(contextPath(path)).excluded ?? false;
    if (!all) return { known: false, files: [], ignored: new Set<string>(), byPath: new Map(), dirs: new Set<string>(), isIgnored };
    const files: ContextFile[] = [];
    const ignored = new Set<string>();
    for (const f of all) {
      const p = contextPath(f.path);
      if (matcher?.match(p).excluded) ignored.add(p);
      else files.push({ ...f, path: p });
    }
    const byPath = new Map(files.map((f) => [f.path, f]));
    const dirs = new Set<string>(['']);
    for (const f of files) {
      const parts = f.path.split('/');
      for (let k = 1; k < parts.length; k++) dirs.add(parts.slice(0, k).join('/'));
    }
    return { known: true, files, ignored, byPath, dirs, isIgnored };
  });
}

function filesUnder(index: ContextIndex, dir: string): ContextFile[] {
  if (dir === '') return index.files;
  return index.files.filter((f) => f.path.startsWith(dir + '/'));
}

function hasWildcard(p: string): boolean {
  return /[*?[]/.test(p);
}

/**
 * What `COPY <sources> <dest>` copies from the context. `destPath` is the destination resolved
 * against WORKDIR; `destIsDir` is true when Docker treats it as a directory (ends in `/`, several
 * sources, or a wildcard).
 */
export function resolveCopy(index: ContextIndex, sources: string[], destPath: string, destWritten: string, exclude: readonly string[] = []): ResolvedCopy {
  const excluded_ = excludeMatcher(exclude);
  const files: CopiedFile[] = [];
  const missing: string[] = [];
  const noMatch: string[] = [];
  const excluded: ResolvedCopy['excluded'] = [];
  const destIsDir = destWritten.endsWith('/') || sources.length > 1 || sources.some(hasWildcard) || destWritten === '.' || destWritten.endsWith('/.');
  const into = (dir: string, rel: string) => cleanPath(`${dir}/${rel}`);

  for (const src of sources) {
    const p = contextPath(src);
    const matches: string[] = [];
    if (hasWildcard(p)) {
      // each file and directory whose path the pattern matches
      for (const f of index.files) if (goPathMatch(p, f.path).matched) matches.push(f.path);
      for (const d of index.dirs) if (d !== '' && goPathMatch(p, d).matched) matches.push(d);
    } else if (index.byPath.has(p) || index.dirs.has(p)) matches.push(p);

    if (matches.length === 0) {
      const isExcluded = [...index.ignored].some((i) => i === p || i.startsWith(p + '/') || (hasWildcard(p) && goPathMatch(p, i).matched));
      if (isExcluded) {
        // a directory that is not excluded itself is still sent, empty
        const effect: ExcludedEffect = hasWildcard(p) ? 'nothing' : index.ignored.has(p) || index.isIgnored(p) ? 'fails' : 'empty-directory';
        excluded.push({ source: src, effect });
      } else (hasWildcard(p) ? noMatch : missing).push(src);
      continue;
    }
    for (const m of matches) {
      const file = index.byPath.get(m);
      if (file) {
        if (excluded_?.match(basename(m)).excluded) continue;
        const dest = destIsDir ? into(destPath, basename(m)) : destPath;
        files.push({ source: m, dest, size: file.size });
        continue;
      }
      // a directory: its contents, not the directory itself
      for (const f of filesUnder(index, m)) {
        const rel = m === '' ? f.path : f.path.slice(m.length + 1);
        if (excluded_?.match(rel).excluded) continue;
        files.push({ source: f.path, dest: into(destPath, rel), size: f.size });
      }
    }
  }
  // the same file matched twice (overlapping sources) is written once
  const seen = new Map<string, CopiedFile>();
  for (const f of files) seen.set(f.dest, f);
  const unique = [...seen.values()];
  return { files: unique, bytes: unique.reduce((n, f) => n + f.size, 0), missing, noMatch, excluded };
}

/** `COPY --exclude` patterns, matched against paths relative to each source (patternmatcher rules). */
function excludeMatcher(exclude: readonly string[]): DockerignoreMatcher | null {
  return exclude.length > 0 ? new DockerignoreMatcher(parsePatternList(exclude)) : null;
}

/** True when a context file (after .dockerignore) is among what a COPY/ADD of these sources sends. */
export function copyIncludes(sources: string[], file: string, exclude: readonly string[] = []): boolean {
  const p = contextPath(file);
  const ex = excludeMatcher(exclude);
  // `root` is the directory (or file) the source names; --exclude matches paths relative to it
  const kept = (root: string): boolean => !ex?.match(root === p ? basename(p) : root === '' ? p : p.slice(root.length + 1)).excluded;
  for (const src of sources) {
    const s = contextPath(src);
    if ((s === '' || s === p || p.startsWith(s + '/')) && kept(s)) return true;
    if (!hasWildcard(s)) continue;
    if (goPathMatch(s, p).matched && kept(p)) return true;
    // a wildcard matching a parent directory copies the file too
    const parts = p.split('/');
    for (let k = 1; k < parts.length; k++) {
      const dir = parts.slice(0, k).join('/');
      if (goPathMatch(s, dir).matched && kept(dir)) return true;
    }
  }
  return false;
}

/** True when .dockerignore keeps the file out of the context (whether or not the context is listed). */
export function isExcludedFromContext(ctx: ImageContext, file: string): boolean {
  return ignoreMatcher(ctx)?.match(contextPath(file)).excluded ?? false;
}
