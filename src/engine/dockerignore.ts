/**
 * .dockerignore with Docker's own semantics, ported from the Go code `docker build` runs:
 *
 * - reading (moby/buildkit frontend/dockerfile/dockerignore ReadAll, = moby/patternmatcher
 *   ignorefile): a UTF-8 BOM is dropped; a line starting with `#` (in column 1) is a comment;
 *   blank lines are skipped; whitespace is trimmed (Go's TrimSpace); `!` marks an exception and
 *   its pattern is trimmed again; the pattern is cleaned like filepath.Clean (`./a`, `a//b`,
 *   `a/../b`, trailing `/`), and one leading `/` is dropped.
 * - compiling (patternmatcher.New and Pattern.compile): the line is cleaned again, a lone `!` is
 *   an error, filepath.Match validates the syntax, then the pattern becomes an exact, prefix
 *   (`dir/**`), suffix (`**` + text) or regexp match. The regexp is built as patternmatcher
 *   builds it: `**` -> `(.*\/)?` (any number of directories, zero included), trailing `**` -> `.*`,
 *   `*` -> `[^/]*`, `?` -> `[^/]`, `\x` kept as an escape, `.+()|{}$` escaped, everything else
 *   (`[`, `]`, `^`, ...) passed to Go's regexp as is. That last point has consequences Docker users
 *   meet: `[!a]` is NOT a negation (Go's classes negate with `^`), `[*]` is not "a literal star".
 * - matching: an exception (`!`) re-includes, the last matching line wins, and a path is
 *   excluded when it or any parent directory is. `match` follows BuildKit's context walk
 *   (tonistiigi/fsutil filter.go with MatchesUsingParentResults, including its SkipDir rule for
 *   excluded directories); `matchesOrParentMatches` is the per-path check BuildKit's
 *   CopyIgnoredFile lint uses.
 *
 * No glob library reproduces these rules (minimatch and picomatch follow gitignore/bash, where
 * `*.log` matches at any depth and `[!a]` negates), so this is a port, not a wrapper. The regexps
 * run on the linear-time matcher in go-match.ts: no pattern can make matching backtrack.
 * Invalid lines never throw: they are returned as problems, with what Docker does about them.
 */
import { cleanPath, compileGoRegexp, dirPath, goPathMatch, trimSpace, type GoRegexp } from './go-match.ts';
import { LineIndex } from './text.ts';
import type { Range } from './types.ts';

export type PatternMatchType = 'exact' | 'prefix' | 'suffix' | 'regexp';

export interface IgnorePattern {
  /** Position among the file's patterns. */
  index: number;
  /** Zero-based line in the .dockerignore (-1 for patterns that come from elsewhere, like COPY --exclude). */
  line: number;
  /** The pattern as written on its line, without the surrounding whitespace. */
  range: Range;
  text: string;
  /** What Docker matches: cleaned, without the leading `!`. */
  pattern: string;
  /** A `!` line: it re-includes what earlier lines excluded. */
  exception: boolean;
  matchType: PatternMatchType;
  /** The Go regexp Docker builds, for regexp patterns. */
  regexp?: string;
  /** Set when the pattern is invalid; the matcher then ignores it (Docker fails the build). */
  error?: string;
}

export interface DockerignoreProblem {
  /** Zero-based line in the .dockerignore. */
  line: number;
  range: Range;
  message: string;
  /**
   * `rejected`: Docker refuses the whole file and the build fails before it starts.
   * `fails-when-reached`: the line passes Docker's syntax check, but the regexp it becomes does not
   * compile, and the build fails as soon as the matcher evaluates it.
   */
  kind: 'rejected' | 'fails-when-reached';
}

export interface Dockerignore {
  text: string;
  patterns: IgnorePattern[];
  problems: DockerignoreProblem[];
}

export interface IgnoreMatch {
  excluded: boolean;
  /**
   * The last pattern that matched: for an excluded path the one that excluded it, for an included
   * path the `!` exception that re-included it, undefined when no pattern matched.
   */
  pattern?: IgnorePattern;
}

const ZERO: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

interface CompiledPattern {
  matchType: PatternMatchType;
  regexp?: GoRegexp;
  regexpSource?: string;
  error?: string;
}

/** Pattern.compile: the match type and, for regexp patterns, patternmatcher's regexp. */
export function compilePattern(cleaned: string): CompiledPattern {
  let reg = '^';
  let type: PatternMatchType = 'exact';
  const chars = Array.from(cleaned);
  let k = 0;
  for (let i = 0; k < chars.length; i++) {
    const ch = chars[k++];
    if (ch === '*') {
      if (chars[k] === '*') {
        k++;
        // `**/` is treated as `**`
        if (chars[k] === '/') k++;
        if (k >= chars.length) {
          // `**` at the end accepts everything, as in .gitignore
          if (type === 'exact') type = 'prefix';
          else {
            reg += '.*';
            type = 'regexp';
          }
        } else {
          // any number of directories, even none
          reg += '(.*/)?';
          type = 'regexp';
        }
        if (i === 0) type = 'suffix';
      } else {
        reg += '[^/]*';
        type = 'regexp';
      }
    } else if (ch === '?') {
      reg += '[^/]';
      type = 'regexp';
    } else if ('.+()|{}$'.includes(ch)) {
      reg += '\\' + ch;
    } else if (ch === '\\') {
      if (k < chars.length) {
        reg += '\\' + chars[k++];
        type = 'regexp';
      } else reg += '\\';
    } else if (ch === '[' || ch === ']') {
      reg += ch;
      type = 'regexp';
    } else {
      reg += ch;
    }
  }
  if (type !== 'regexp') return { matchType: type };
  reg += '$';
  const compiled = compileGoRegexp(reg);
  return compiled.ok
    ? { matchType: 'regexp', regexp: compiled.regexp, regexpSource: reg }
    : { matchType: 'regexp', regexpSource: reg, error: compiled.error };
}

/** Pattern.match: does one pattern match this exact (slash-separated) path? */
function testPattern(p: IgnorePattern, compiled: CompiledPattern, path: string): boolean {
  switch (compiled.matchType) {
    case 'exact':
      return path === p.pattern;
    case 'prefix':
      return path.startsWith(p.pattern.slice(0, -2));
    case 'suffix': {
      const suffix = p.pattern.slice(2);
      if (path.endsWith(suffix)) return true;
      // `**/foo` matches `foo`
      return suffix.startsWith('/') && path === suffix.slice(1);
    }
    case 'regexp':
      return compiled.regexp ? compiled.regexp.test(path) : false;
  }
}

interface RawPattern {
  /** The pattern as ReadAll returns it (or as given, for pattern lists). */
  value: string;
  line: number;
  range: Range;
  text: string;
}

/** ReadAll: the lines Docker keeps, each with where it was written. */
function readLines(text: string): RawPattern[] {
  const doc = new LineIndex(text);
  const out: RawPattern[] = [];
  let offset = 0;
  let lineNo = 0;
  while (offset <= text.length) {
    const nl = text.indexOf('\n', offset);
    const end = nl < 0 ? text.length : nl;
    if (nl < 0 && offset === text.length) break;
    let start = offset;
    const contentEnd = end > start && text[end - 1] === '\r' ? end - 1 : end;
    if (lineNo === 0 && text.charCodeAt(start) === 0xfeff) start++;
    offset = nl < 0 ? text.length + 1 : nl + 1;
    lineNo++;
    const content = text.slice(start, contentEnd);
    // comments are recognised before trimming: `  # x` is a pattern
    if (content.startsWith('#')) continue;
    let pattern = trimSpace(content);
    if (pattern === '') continue;
    const lead = content.indexOf(pattern);
    const range = doc.range(start + lead, start + lead + pattern.length);
    const written = pattern;
    const invert = pattern[0] === '!';
    if (invert) pattern = trimSpace(pattern.slice(1));
    if (pattern.length > 0) {
      pattern = cleanPath(pattern);
      if (pattern.length > 1 && pattern[0] === '/') pattern = pattern.slice(1);
    }
    if (invert) pattern = '!' + pattern;
    out.push({ value: pattern, line: range.start.line, range, text: written });
  }
  return out;
}

function quote(s: string): string {
  return '`' + s.replace(/`/g, "'") + '`';
}

/** patternmatcher.New: validation and compilation, with Docker's verdict on bad lines. */
function buildPatterns(raw: readonly RawPattern[]): { patterns: IgnorePattern[]; problems: DockerignoreProblem[]; compiled: CompiledPattern[] } {
  const patterns: IgnorePattern[] = [];
  const problems: DockerignoreProblem[] = [];
  const compiled: CompiledPattern[] = [];
  for (const r of raw) {
    let p = trimSpace(r.value);
    if (p === '') continue;
    p = cleanPath(p);
    let exception = false;
    const base = { index: patterns.length, line: r.line, range: r.range, text: r.text };
    if (p[0] === '!') {
      if (p.length === 1) {
        const error = 'illegal exclusion pattern: "!"';
        patterns.push({ ...base, pattern: '', exception: true, matchType: 'exact', error });
        compiled.push({ matchType: 'exact', error });
        problems.push({
          line: r.line,
          range: r.range,
          kind: 'rejected',
          message:
            `${quote(r.text)} is a \`!\` with no path, which Docker rejects (\`${error}\`): the whole .dockerignore fails and so does the build. ` +
            'Write the path to re-include after the `!` (e.g. `!README.md`), or delete the line.',
        });
        continue;
      }
      exception = true;
      p = p.slice(1);
    }
    const syntax = goPathMatch(p, '.');
    if (syntax.error) {
      const error = `syntax error in pattern: ${syntax.error}`;
      patterns.push({ ...base, pattern: p, exception, matchType: 'exact', error });
      compiled.push({ matchType: 'exact', error });
      problems.push({
        line: r.line,
        range: r.range,
        kind: 'rejected',
        message:
          `${quote(r.text)} is not a valid pattern (${syntax.error}): Docker rejects the whole .dockerignore and the build fails. ` +
          'Fix the pattern, or escape a literal `[`, `]`, `-` or `\\` with a backslash.',
      });
      continue;
    }
    const c = compilePattern(p);
    const pattern: IgnorePattern = { ...base, pattern: p, exception, matchType: c.matchType };
    if (c.regexpSource) pattern.regexp = c.regexpSource;
    if (c.error) {
      pattern.error = `syntax error in pattern: ${c.error}`;
      problems.push({
        line: r.line,
        range: r.range,
        kind: 'fails-when-reached',
        message:
          `Docker turns ${quote(r.text)} into the regular expression ${quote(c.regexpSource ?? '')}, which Go cannot compile (${c.error}), ` +
          'so the build fails with `syntax error in pattern` when it reaches this line. Fix the pattern (character ranges go low to high, e.g. `[a-z]`; escape other special characters with a backslash).',
      });
    }
    patterns.push(pattern);
    compiled.push(c);
  }
  return { patterns, problems, compiled };
}

const compiledByFile = new WeakMap<Dockerignore, CompiledPattern[]>();

/** Reads a .dockerignore as Docker does. Never throws: bad lines become `problems`. */
export function parseDockerignore(text: string): Dockerignore {
  const { patterns, problems, compiled } = buildPatterns(readLines(text));
  const file: Dockerignore = { text, patterns, problems };
  compiledByFile.set(file, compiled);
  return file;
}

/** Patterns given as a list, as `COPY --exclude` passes them: no comments, no leading-`/` rule. */
export function parsePatternList(list: readonly string[]): Dockerignore {
  const raw = list.map((value) => ({ value, line: -1, range: ZERO, text: value }));
  const { patterns, problems, compiled } = buildPatterns(raw);
  const file: Dockerignore = { text: list.join('\n'), patterns, problems };
  compiledByFile.set(file, compiled);
  return file;
}

/** Characters that make an exception pattern more than a plain path prefix (fsutil's check). */
const PATTERN_CHARS = /[*[\]?^\\]/;

function withoutTrailingGlob(pattern: string): string {
  let p = pattern;
  if (p.endsWith('/**')) p = p.slice(0, -3);
  if (p.endsWith('/*')) p = p.slice(0, -2);
  return p;
}

interface Evaluation {
  matched: boolean;
  /** Per pattern: did it match this path or a parent (MatchInfo). */
  info: boolean[];
  by: number;
}

interface DirState extends Evaluation {
  /** BuildKit does not walk into this directory (or one above): everything below is excluded, by this pattern. */
  skipped: { by: number } | undefined;
}

/**
 * Answers "does `docker build` send this path?" for one .dockerignore. Paths are relative to the
 * context root, `/`-separated. Results for directories are cached, so checking every file of a
 * large context costs one evaluation per file plus one per directory.
 */
export class DockerignoreMatcher {
  readonly file: Dockerignore;
  private readonly usable: { pattern: IgnorePattern; compiled: CompiledPattern }[];
  private readonly hasExceptions: boolean;
  private readonly onlyPrefixExceptions: boolean;
  private readonly exceptionPrefixes: string[];
  private readonly dirs = new Map<string, DirState>();

  constructor(source: Dockerignore | string) {
    this.file = typeof source === 'string' ? parseDockerignore(source) : source;
    const compiled = compiledByFile.get(this.file) ?? this.file.patterns.map((p) => compilePattern(p.pattern));
    // Docker fails the build on an invalid line; for everything else, the valid lines decide
    this.usable = this.file.patterns.flatMap((pattern, i) => (pattern.error ? [] : [{ pattern, compiled: compiled[i] }]));
    const exceptions = this.usable.filter((u) => u.pattern.exception).map((u) => withoutTrailingGlob(u.pattern.pattern));
    this.hasExceptions = exceptions.length > 0;
    this.onlyPrefixExceptions = !exceptions.some((p) => PATTERN_CHARS.test(p));
    this.exceptionPrefixes = exceptions;
  }

  get patterns(): readonly IgnorePattern[] {
    return this.file.patterns;
  }

  private test(i: number, path: string): boolean {
    const u = this.usable[i];
    return testPattern(u.pattern, u.compiled, path);
  }

  private anyParentMatches(i: number, path: string): boolean {
    const parent = dirPath(path);
    if (parent === '.') return false;
    const parts = parent.split('/');
    for (let k = 0; k < parts.length; k++) if (this.test(i, parts.slice(0, k + 1).join('/'))) return true;
    return false;
  }

  /**
   * MatchesUsingParentResults: `parentInfo` is what this returned for the parent directory
   * (null at the top, or to check the parents here, as MatchesOrParentMatches does).
   */
  matchesUsingParentResults(path: string, parentInfo: readonly boolean[] | null): Evaluation {
    const n = this.usable.length;
    const info = new Array<boolean>(n).fill(false);
    const haveParent = parentInfo !== null && parentInfo.length > 0;
    let matched = false;
    let by = -1;
    for (let i = 0; i < n; i++) {
      const exception = this.usable[i].pattern.exception;
      let match = haveParent ? parentInfo[i] : false;
      if (!match) {
        // an inclusion cannot change an excluded path, an exception cannot change an included one
        if (exception !== matched) continue;
        match = this.test(i, path);
        if (!match && !haveParent) match = this.anyParentMatches(i, path);
      }
      info[i] = match;
      if (match) {
        matched = !exception;
        by = i;
      }
    }
    return { matched, info, by };
  }

  /** MatchesOrParentMatches: the check BuildKit's CopyIgnoredFile lint runs on a COPY source. */
  matchesOrParentMatches(path: string): IgnoreMatch {
    let matched = false;
    let by = -1;
    for (let i = 0; i < this.usable.length; i++) {
      const exception = this.usable[i].pattern.exception;
      if (exception !== matched) continue;
      const match = this.test(i, path) || this.anyParentMatches(i, path);
      if (match) {
        matched = !exception;
        by = i;
      }
    }
    return this.result(matched, by);
  }

  /** MatchesExact: this path only, no parent directories. */
  matchesExact(path: string): IgnoreMatch {
    let matched = false;
    let by = -1;
    for (let i = 0; i < this.usable.length; i++) {
      const exception = this.usable[i].pattern.exception;
      if (exception !== matched) continue;
      if (this.test(i, path)) {
        matched = !exception;
        by = i;
      }
    }
    return this.result(matched, by);
  }

  /**
   * Is this path excluded from the build context? Follows BuildKit's walk of the context: each
   * directory is judged with its parent's results, and an excluded directory is not entered
   * unless an exception could re-include something inside it.
   */
  match(path: string): IgnoreMatch {
    const clean = normalizeContextPath(path);
    if (clean === '') return { excluded: false };
    const slash = clean.lastIndexOf('/');
    const parent = slash < 0 ? undefined : this.directory(clean.slice(0, slash));
    // below a directory BuildKit does not enter, everything is excluded with it
    if (parent?.skipped) return this.result(true, parent.skipped.by);
    const e = this.matchesUsingParentResults(clean, parent ? parent.info : null);
    return this.result(e.matched, e.by);
  }

  /** A directory's results, computed from its parent's (once per directory). */
  private directory(dir: string): DirState {
    const cached = this.dirs.get(dir);
    if (cached) return cached;
    const slash = dir.lastIndexOf('/');
    const parent = slash < 0 ? undefined : this.directory(dir.slice(0, slash));
    let state: DirState;
    if (parent?.skipped) state = { matched: true, info: parent.info, by: parent.by, skipped: parent.skipped };
    else {
      const e = this.matchesUsingParentResults(dir, parent ? parent.info : null);
      state = { ...e, skipped: e.matched && this.skipsDirectory(dir) ? { by: e.by } : undefined };
    }
    this.dirs.set(dir, state);
    return state;
  }

  /** fsutil returns SkipDir for an excluded directory unless an exception could reach inside. */
  private skipsDirectory(dir: string): boolean {
    if (!this.onlyPrefixExceptions) return false;
    if (!this.hasExceptions) return true;
    const dirSlash = dir + '/';
    return !this.exceptionPrefixes.some((p) => (p + '/').startsWith(dirSlash));
  }

  private result(excluded: boolean, by: number): IgnoreMatch {
    return by >= 0 ? { excluded, pattern: this.usable[by].pattern } : { excluded };
  }
}

const NEEDS_CLEANING = /(?:^|\/)\.{1,2}(?:\/|$)|\/\/|^\/|\/$/;

/** Context paths as BuildKit walks them: relative, `/`-separated, cleaned; '' is the root. */
export function normalizeContextPath(path: string): string {
  // most paths are clean already: skip the work
  if (path !== '' && !NEEDS_CLEANING.test(path)) return path;
  let p = cleanPath(path.replace(/^(\.\/)+/, ''));
  while (p.startsWith('/')) p = p.slice(1);
  return p === '.' ? '' : p;
}
