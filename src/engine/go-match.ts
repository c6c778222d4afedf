/**
 * The pieces of Go's standard library that Docker's file matching is built on, ported so the
 * engine answers exactly as `docker build` does:
 *
 * - `trimSpace`: strings.TrimSpace (Unicode White_Space, which differs from String#trim).
 * - `cleanPath`, `dirPath`: path/filepath Clean and Dir on Linux.
 * - `goPathMatch`: path/filepath Match on Linux, byte for byte: BuildKit resolves wildcards in
 *   COPY/ADD sources with it, and moby/patternmatcher calls it to validate .dockerignore lines.
 * - `compileGoRegexp`: the subset of Go's regexp (RE2 syntax, Perl flags) that
 *   moby/patternmatcher's pattern translation can produce. It parses exactly as
 *   regexp/syntax does (POSIX classes, \pN, \Q...\E, octal and hex escapes, its errors), then
 *   runs a Thompson NFA: time is linear in the path length whatever the pattern, so
 *   `**\/**\/**\/a` against a long path cannot backtrack catastrophically, as a JS RegExp would.
 *
 * Pure functions, no DOM and no Node APIs.
 */

// ---------------------------------------------------------------------------------------------
// strings.TrimSpace, filepath.Clean, filepath.Dir

/** unicode.IsSpace: the White_Space property. JS's trim() also strips U+FEFF and misses U+0085. */
function isGoSpace(c: number): boolean {
  if (c <= 0xff) return c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0;
  return c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000;
}

export function trimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isGoSpace(s.charCodeAt(start))) start++;
  while (end > start && isGoSpace(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

/** filepath.Clean for '/'-separated paths: no `.` elements, `..` resolved lexically, no `//`, no trailing `/`. */
export function cleanPath(path: string): string {
  if (path === '') return '.';
  // most paths are clean already (`/app`, `src/main.go`): returned as they are, without the split and join
  if (isClean(path)) return path;
  const rooted = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(seg);
  }
  const joined = (rooted ? '/' : '') + out.join('/');
  return joined === '' ? '.' : joined;
}

/** True when cleanPath would return the path unchanged: `/`, or no empty, `.` or `..` element after the root. */
function isClean(path: string): boolean {
  if (path === '/') return true;
  let segStart = path.charCodeAt(0) === 47 ? 1 : 0;
  for (let i = segStart; i <= path.length; i++) {
    if (i < path.length && path.charCodeAt(i) !== 47) continue;
    const len = i - segStart;
    if (len === 0) return false;
    if (path.charCodeAt(segStart) === 46 && (len === 1 || (len === 2 && path.charCodeAt(segStart + 1) === 46))) return false;
    segStart = i + 1;
  }
  return true;
}

/** filepath.Dir: everything but the last element, cleaned. */
export function dirPath(path: string): string {
  const i = path.lastIndexOf('/');
  return cleanPath(path.slice(0, i + 1));
}

// ---------------------------------------------------------------------------------------------
// UTF-8: Go strings are bytes; filepath.Match walks them byte by byte and decodes runes where it
// needs one. Working on the UTF-8 bytes keeps the port exact.

const encoder = new TextEncoder();
const RUNE_ERROR = 0xfffd;

function decodeRune(b: Uint8Array, i: number): { r: number; size: number } {
  const c0 = b[i];
  if (c0 === undefined) return { r: RUNE_ERROR, size: 0 };
  if (c0 < 0x80) return { r: c0, size: 1 };
  const need = c0 >= 0xf0 && c0 <= 0xf4 ? 3 : c0 >= 0xe0 ? 2 : c0 >= 0xc2 ? 1 : -1;
  if (need < 0 || c0 > 0xf4) return { r: RUNE_ERROR, size: 1 };
  let r = c0 & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= need; k++) {
    const c = b[i + k];
    if (c === undefined || (c & 0xc0) !== 0x80) return { r: RUNE_ERROR, size: 1 };
    r = (r << 6) | (c & 0x3f);
  }
  // overlong forms, surrogates and values past U+10FFFF are invalid, as in Go
  if ((need === 2 && r < 0x800) || (need === 3 && (r < 0x10000 || r > 0x10ffff)) || (r >= 0xd800 && r <= 0xdfff)) {
    return { r: RUNE_ERROR, size: 1 };
  }
  return { r, size: need + 1 };
}

// ---------------------------------------------------------------------------------------------
// path/filepath.Match (Linux: separator '/', backslash escapes)

const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const STAR = 0x2a;
const QUESTION = 0x3f;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;

export interface GoMatchResult {
  matched: boolean;
  /** filepath.ErrBadPattern, with the reason, when the pattern is malformed. */
  error?: string;
}

interface Chunk {
  star: boolean;
  start: number;
  end: number;
}

function scanChunk(p: Uint8Array, from: number): Chunk {
  let i = from;
  let star = false;
  while (i < p.length && p[i] === STAR) {
    i++;
    star = true;
  }
  const start = i;
  let inRange = false;
  for (; i < p.length; i++) {
    const c = p[i];
    if (c === BACKSLASH) {
      // error check handled in matchChunk: bad pattern
      if (i + 1 < p.length) i++;
    } else if (c === LBRACKET) inRange = true;
    else if (c === RBRACKET) inRange = false;
    else if (c === STAR && !inRange) break;
  }
  return { star, start, end: i };
}

type ChunkResult = { ok: true; rest: number } | { ok: false; error?: string };

function getEsc(p: Uint8Array, i: number, end: number, role: 'lo' | 'hi'): { r: number; next: number } | { error: string } {
  if (i >= end) return { error: 'unterminated character class `[`' };
  if (p[i] === DASH || (p[i] === RBRACKET && role === 'hi')) {
    return { error: 'a `-` inside `[...]` needs a character on each side (escape a literal one as `\\-`)' };
  }
  if (p[i] === RBRACKET) return { error: 'empty character class `[]` (escape a literal bracket as `\\]`)' };
  if (p[i] === BACKSLASH) {
    i++;
    if (i >= end) return { error: 'unterminated character class `[`' };
  }
  const { r, size } = decodeRune(p, i);
  if (r === RUNE_ERROR && size === 1) return { error: 'invalid UTF-8 in character class' };
  const next = i + size;
  if (next >= end) return { error: 'unterminated character class `[`' };
  return { r, next };
}

function matchChunk(p: Uint8Array, start: number, end: number, s: Uint8Array, from: number): ChunkResult {
  let failed = false;
  let si = from;
  let c = start;
  while (c < end) {
    if (!failed && si >= s.length) failed = true;
    const ch = p[c];
    if (ch === LBRACKET) {
      let r = 0;
      if (!failed) {
        const d = decodeRune(s, si);
        r = d.r;
        si += d.size;
      }
      c++;
      let negated = false;
      if (c < end && p[c] === CARET) {
        negated = true;
        c++;
      }
      let match = false;
      let nrange = 0;
      for (;;) {
        if (c < end && p[c] === RBRACKET && nrange > 0) {
          c++;
          break;
        }
        const lo = getEsc(p, c, end, 'lo');
        if ('error' in lo) return { ok: false, error: lo.error };
        c = lo.next;
        let hi = lo.r;
        if (p[c] === DASH) {
          const h = getEsc(p, c + 1, end, 'hi');
          if ('error' in h) return { ok: false, error: h.error };
          c = h.next;
          hi = h.r;
        }
        if (lo.r <= r && r <= hi) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (ch === QUESTION) {
      if (!failed) {
        if (s[si] === SLASH) failed = true;
        si += decodeRune(s, si).size;
      }
      c++;
    } else {
      if (ch === BACKSLASH) {
        c++;
        if (c >= end) return { ok: false, error: 'trailing backslash' };
      }
      if (!failed) {
        if (p[c] !== s[si]) failed = true;
        si++;
      }
      c++;
    }
  }
  return failed ? { ok: false } : { ok: true, rest: si };
}

/** filepath.Match(pattern, name) on Linux. */
export function goPathMatch(pattern: string, name: string): GoMatchResult {
  const p = encoder.encode(pattern);
  const s = encoder.encode(name);
  let pi = 0;
  let ni = 0;
  patternLoop: while (pi < p.length) {
    const chunk = scanChunk(p, pi);
    pi = chunk.end;
    if (chunk.star && chunk.start === chunk.end) {
      // trailing * matches the rest of the name unless it has a /
      return { matched: s.indexOf(SLASH, ni) < 0 };
    }
    const first = matchChunk(p, chunk.start, chunk.end, s, ni);
    // on the last chunk the name must be used up, or a star could still match more
    if (first.ok && (first.rest === s.length || pi < p.length)) {
      ni = first.rest;
      continue;
    }
    if (!first.ok && first.error) return { matched: false, error: first.error };
    if (chunk.star) {
      for (let i = ni; i < s.length && s[i] !== SLASH; i++) {
        const next = matchChunk(p, chunk.start, chunk.end, s, i + 1);
        if (next.ok) {
          if (pi === p.length && next.rest < s.length) continue;
          ni = next.rest;
          continue patternLoop;
        }
        if (next.error) return { matched: false, error: next.error };
      }
    }
    // before returning false, check that the rest of the pattern is well-formed
    while (pi < p.length) {
      const rest = scanChunk(p, pi);
      pi = rest.end;
      const check = matchChunk(p, rest.start, rest.end, new Uint8Array(0), 0);
      if (!check.ok && check.error) return { matched: false, error: check.error };
    }
    return { matched: false };
  }
  return { matched: ni === s.length };
}

// ---------------------------------------------------------------------------------------------
// Go regexp (RE2 syntax with the Perl flags regexp.Compile uses: ClassNL, OneLine, PerlX,
// UnicodeGroups). Parsed into a tree, compiled into NFA states, simulated in lockstep.

type CharTest = (cp: number) => boolean;

type RegexNode =
  | { kind: 'char'; test: CharTest }
  | { kind: 'empty' }
  | { kind: 'assert'; what: 'begin' | 'end' | 'word' | 'notword' }
  | { kind: 'concat'; items: RegexNode[] }
  | { kind: 'alternate'; items: RegexNode[] }
  | { kind: 'repeat'; op: '*' | '+' | '?'; sub: RegexNode };

class RegexSyntaxError extends Error {}

const MAX_RUNE = 0x10ffff;

/** POSIX classes regexp/syntax knows, as [lo, hi] pairs. */
const POSIX_CLASSES: Record<string, number[]> = {
  alnum: [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a],
  alpha: [0x41, 0x5a, 0x61, 0x7a],
  ascii: [0x00, 0x7f],
  blank: [0x09, 0x09, 0x20, 0x20],
  cntrl: [0x00, 0x1f, 0x7f, 0x7f],
  digit: [0x30, 0x39],
  graph: [0x21, 0x7e],
  lower: [0x61, 0x7a],
  print: [0x20, 0x7e],
  punct: [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e],
  space: [0x09, 0x0d, 0x20, 0x20],
  upper: [0x41, 0x5a],
  word: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
  xdigit: [0x30, 0x39, 0x41, 0x46, 0x61, 0x66],
};

/** Perl classes: \d \s \w (ASCII only in RE2). */
const PERL_CLASSES: Record<string, number[]> = {
  d: [0x30, 0x39],
  s: [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20],
  w: [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a],
};

/** unicode.Categories keys; other names in \p{...} must be scripts. */
const GO_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(' '),
);

function inRanges(ranges: readonly number[], cp: number): boolean {
  for (let i = 0; i < ranges.length; i += 2) if (ranges[i] <= cp && cp <= ranges[i + 1]) return true;
  return false;
}

function unicodeTest(name: string): CharTest | null {
  if (name === 'Any') return () => true;
  const source = GO_CATEGORIES.has(name) ? `^\\p{${name}}$` : /^[A-Za-z_]+$/.test(name) ? `^\\p{Script=${name}}$` : null;
  if (!source) return null;
  try {
    const re = new RegExp(source, 'u');
    return (cp) => re.test(String.fromCodePoint(cp));
  } catch {
    return null;
  }
}

const isAlnum = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

class RegexParser {
  private readonly s: number[];
  private i = 0;

  constructor(source: string) {
    this.s = Array.from(source, (ch) => ch.codePointAt(0) ?? 0);
  }

  private peek(k = 0): number | undefined {
    return this.s[this.i + k];
  }

  parse(): RegexNode {
    const node = this.parseAlternate();
    if (this.i < this.s.length) throw new RegexSyntaxError('unexpected )');
    return node;
  }

  private parseAlternate(): RegexNode {
    const items = [this.parseConcat()];
    while (this.peek() === 0x7c /* | */) {
      this.i++;
      items.push(this.parseConcat());
    }
    return items.length === 1 ? items[0] : { kind: 'alternate', items };
  }

  private parseConcat(): RegexNode {
    const items: RegexNode[] = [];
    let lastWasRepeat = false;
    for (;;) {
      const c = this.peek();
      if (c === undefined || c === 0x7c || c === 0x29 /* ) */) break;
      if (c === 0x2a || c === 0x2b || c === 0x3f) {
        // * + ? (a trailing ? makes it non-greedy, which does not change whether it matches)
        this.i++;
        if (this.peek() === 0x3f) this.i++;
        if (lastWasRepeat) throw new RegexSyntaxError('invalid nested repetition operator');
        const sub = items.pop();
        if (!sub) throw new RegexSyntaxError('missing argument to repetition operator');
        items.push({ kind: 'repeat', op: c === 0x2a ? '*' : c === 0x2b ? '+' : '?', sub });
        lastWasRepeat = true;
        continue;
      }
      lastWasRepeat = false;
      items.push(...this.parseAtom());
    }
    return items.length === 1 ? items[0] : items.length === 0 ? { kind: 'empty' } : { kind: 'concat', items };
  }

  /** One atom; \Q...\E yields several literals. */
  private parseAtom(): RegexNode[] {
    const c = this.s[this.i];
    switch (c) {
      case 0x28 /* ( */: {
        if (this.peek(1) === 0x3f) throw new RegexSyntaxError('invalid or unsupported Perl syntax');
        this.i++;
        const inner = this.parseAlternate();
        if (this.peek() !== 0x29) throw new RegexSyntaxError('missing closing )');
        this.i++;
        return [inner];
      }
      case 0x5e /* ^ */:
        this.i++;
        return [{ kind: 'assert', what: 'begin' }];
      case 0x24 /* $ */:
        this.i++;
        return [{ kind: 'assert', what: 'end' }];
      case 0x2e /* . */:
        this.i++;
        return [{ kind: 'char', test: (cp) => cp !== 0x0a }];
      case 0x5b /* [ */:
        return [this.parseClass()];
      case 0x5c /* \ */:
        return this.parseBackslash();
      default:
        // `{` cannot start a repeat here: the pattern translation always escapes it
        this.i++;
        return [literal(c)];
    }
  }

  private parseBackslash(): RegexNode[] {
    const next = this.peek(1);
    switch (next) {
      case 0x41 /* A */:
        this.i += 2;
        return [{ kind: 'assert', what: 'begin' }];
      case 0x7a /* z */:
        this.i += 2;
        return [{ kind: 'assert', what: 'end' }];
      case 0x62 /* b */:
        this.i += 2;
        return [{ kind: 'assert', what: 'word' }];
      case 0x42 /* B */:
        this.i += 2;
        return [{ kind: 'assert', what: 'notword' }];
      case 0x43 /* C */:
        throw new RegexSyntaxError('invalid escape sequence: `\\C`');
      case 0x51 /* Q */: {
        this.i += 2;
        const out: RegexNode[] = [];
        while (this.i < this.s.length) {
          if (this.s[this.i] === 0x5c && this.s[this.i + 1] === 0x45 /* \E */) {
            this.i += 2;
            break;
          }
          out.push(literal(this.s[this.i++]));
        }
        return out;
      }
      default:
        break;
    }
    const unicode = this.parseUnicodeClass();
    if (unicode) return [{ kind: 'char', test: unicode }];
    const perl = this.parsePerlClass();
    if (perl) return [{ kind: 'char', test: perl }];
    return [literal(this.parseEscape())];
  }

  /** \pN, \p{Greek}, \PL, \p{^Greek}; null when not at one. */
  private parseUnicodeClass(): CharTest | null {
    if (this.peek() !== 0x5c || (this.peek(1) !== 0x70 && this.peek(1) !== 0x50)) return null;
    let negate = this.peek(1) === 0x50;
    const start = this.i;
    this.i += 2;
    const c = this.peek();
    if (c === undefined) throw new RegexSyntaxError('invalid character class range: `\\p`');
    let name: string;
    if (c !== 0x7b /* { */) {
      name = String.fromCodePoint(c);
      this.i++;
    } else {
      const close = this.s.indexOf(0x7d, this.i);
      if (close < 0) throw new RegexSyntaxError(`invalid character class range: \`${this.text(start, this.s.length)}\``);
      name = this.text(this.i + 1, close);
      this.i = close + 1;
    }
    if (name.startsWith('^')) {
      negate = !negate;
      name = name.slice(1);
    }
    const test = unicodeTest(name);
    if (!test) throw new RegexSyntaxError(`invalid character class range: \`${this.text(start, this.i)}\``);
    return negate ? (cp) => !test(cp) : test;
  }

  private parsePerlClass(): CharTest | null {
    if (this.peek() !== 0x5c) return null;
    const c = this.peek(1);
    if (c === undefined) return null;
    const name = String.fromCodePoint(c);
    const ranges = PERL_CLASSES[name.toLowerCase()];
    if (!ranges || !/[dswDSW]/.test(name)) return null;
    this.i += 2;
    const negate = name !== name.toLowerCase();
    return (cp) => inRanges(ranges, cp) !== negate;
  }

  /** parseEscape: the rune an escape sequence stands for, or the RE2 error. */
  private parseEscape(): number {
    const start = this.i;
    this.i++; // the backslash
    const c = this.s[this.i];
    if (c === undefined) throw new RegexSyntaxError('trailing backslash at end of expression');
    this.i++;
    if (c < 0x80 && !isAlnum(c)) return c;
    if (c >= 0x30 && c <= 0x37) {
      // \1-\7 alone would be a backreference, which RE2 does not support
      const n = this.peek();
      if (c === 0x30 || (n !== undefined && n >= 0x30 && n <= 0x37)) {
        let r = c - 0x30;
        for (let k = 1; k < 3; k++) {
          const d = this.peek();
          if (d === undefined || d < 0x30 || d > 0x37) break;
          r = r * 8 + d - 0x30;
          this.i++;
        }
        return r;
      }
    } else if (c === 0x78 /* x */) {
      const n = this.peek();
      if (n === 0x7b /* { */) {
        this.i++;
        let r = 0;
        let digits = 0;
        for (;;) {
          const d = this.s[this.i++];
          if (d === undefined) break;
          if (d === 0x7d) {
            if (digits > 0) return r;
            break;
          }
          const v = unhex(d);
          if (v < 0) break;
          r = r * 16 + v;
          if (r > MAX_RUNE) break;
          digits++;
        }
      } else if (n !== undefined) {
        const x = unhex(n);
        const m = this.s[this.i + 1];
        const y = m === undefined ? -1 : unhex(m);
        this.i += m === undefined ? 1 : 2;
        if (x >= 0 && y >= 0) return x * 16 + y;
      }
    } else {
      const simple: Record<number, number> = { 0x61: 7, 0x66: 12, 0x6e: 10, 0x72: 13, 0x74: 9, 0x76: 11 };
      if (simple[c] !== undefined) return simple[c];
    }
    throw new RegexSyntaxError(`invalid escape sequence: \`${this.text(start, Math.min(this.i, this.s.length))}\``);
  }

  /** [...] with POSIX, Unicode and Perl classes inside; `]` first is literal; `-` literal at the ends. */
  private parseClass(): RegexNode {
    const start = this.i;
    this.i++;
    let negate = false;
    if (this.peek() === CARET) {
      negate = true;
      this.i++;
    }
    const ranges: number[] = [];
    const tests: CharTest[] = [];
    let first = true;
    while (this.peek() === undefined || this.peek() !== RBRACKET || first) {
      first = false;
      if (this.peek() === LBRACKET && this.peek(1) === 0x3a /* : */ && this.i + 2 < this.s.length) {
        const named = this.parseNamedClass();
        if (named) {
          tests.push(named);
          continue;
        }
      }
      const unicode = this.parseUnicodeClass();
      if (unicode) {
        tests.push(unicode);
        continue;
      }
      const perl = this.parsePerlClass();
      if (perl) {
        tests.push(perl);
        continue;
      }
      const rangeStart = this.i;
      const lo = this.parseClassChar(start);
      let hi = lo;
      if (this.peek() === DASH && this.peek(1) !== undefined && this.peek(1) !== RBRACKET) {
        this.i++;
        hi = this.parseClassChar(start);
        if (hi < lo) throw new RegexSyntaxError(`invalid character class range: \`${this.text(rangeStart, this.i)}\``);
      }
      ranges.push(lo, hi);
    }
    this.i++; // ]
    const test: CharTest = (cp) => inRanges(ranges, cp) || tests.some((t) => t(cp));
    // negated classes match \n too (ClassNL)
    return { kind: 'char', test: negate ? (cp) => !test(cp) : test };
  }

  private parseClassChar(classStart: number): number {
    const c = this.peek();
    if (c === undefined) throw new RegexSyntaxError(`missing closing ]: \`${this.text(classStart, this.s.length)}\``);
    if (c === BACKSLASH) return this.parseEscape();
    this.i++;
    return c;
  }

  /** [:alpha:] and [:^alpha:]; null when the text is not one (then `[` is an ordinary character). */
  private parseNamedClass(): CharTest | null {
    let close = -1;
    for (let k = this.i + 2; k + 1 < this.s.length; k++) {
      if (this.s[k] === 0x3a && this.s[k + 1] === RBRACKET) {
        close = k;
        break;
      }
    }
    if (close < 0) return null;
    const full = this.text(this.i, close + 2);
    let name = this.text(this.i + 2, close);
    const negate = name.startsWith('^');
    if (negate) name = name.slice(1);
    const ranges = Object.prototype.hasOwnProperty.call(POSIX_CLASSES, name) ? POSIX_CLASSES[name] : undefined;
    if (!ranges) throw new RegexSyntaxError(`invalid character class range: \`${full}\``);
    this.i = close + 2;
    return (cp) => inRanges(ranges, cp) !== negate;
  }

  private text(from: number, to: number): string {
    return String.fromCodePoint(...this.s.slice(from, to));
  }
}

function literal(cp: number): RegexNode {
  return { kind: 'char', test: (x) => x === cp };
}

// NFA: states built right to left, each pointing at its continuation.
type NfaState =
  | { op: 'char'; test: CharTest; next: number }
  | { op: 'split'; a: number; b: number }
  | { op: 'assert'; what: 'begin' | 'end' | 'word' | 'notword'; next: number }
  | { op: 'match' };

function compileNode(node: RegexNode, next: number, states: NfaState[]): number {
  const push = (s: NfaState) => states.push(s) - 1;
  switch (node.kind) {
    case 'char':
      return push({ op: 'char', test: node.test, next });
    case 'empty':
      return next;
    case 'assert':
      return push({ op: 'assert', what: node.what, next });
    case 'concat': {
      let at = next;
      for (let k = node.items.length - 1; k >= 0; k--) at = compileNode(node.items[k], at, states);
      return at;
    }
    case 'alternate': {
      let at = compileNode(node.items[node.items.length - 1], next, states);
      for (let k = node.items.length - 2; k >= 0; k--) at = push({ op: 'split', a: compileNode(node.items[k], next, states), b: at });
      return at;
    }
    case 'repeat': {
      if (node.op === '?') return push({ op: 'split', a: compileNode(node.sub, next, states), b: next });
      const loop = push({ op: 'split', a: -1, b: next });
      const body = compileNode(node.sub, loop, states);
      (states[loop] as { op: 'split'; a: number }).a = body;
      return node.op === '*' ? loop : body;
    }
  }
}

const isWordChar = (cp: number | undefined) => cp !== undefined && inRanges(PERL_CLASSES.w, cp);

/** A compiled Go regexp: `test` is regexp.MatchString (unanchored search, like Go). */
export interface GoRegexp {
  source: string;
  test(input: string): boolean;
}

export type GoRegexpResult = { ok: true; regexp: GoRegexp } | { ok: false; error: string };

export function compileGoRegexp(source: string): GoRegexpResult {
  let tree: RegexNode;
  try {
    tree = new RegexParser(source).parse();
  } catch (err) {
    if (err instanceof RegexSyntaxError) return { ok: false, error: err.message };
    throw err;
  }
  const states: NfaState[] = [{ op: 'match' }];
  const start = compileNode(tree, 0, states);
  const marks = new Int32Array(states.length).fill(-1);
  let generation = 0;

  const test = (input: string): boolean => {
    const cps = Array.from(input, (ch) => ch.codePointAt(0) ?? 0);
    let current: number[] = [];
    let next: number[] = [];
    let matched = false;
    // a fresh generation: marks left by the previous call must not count
    generation++;
    const add = (list: number[], s: number, pos: number) => {
      if (marks[s] === generation) return;
      marks[s] = generation;
      const st = states[s];
      if (st.op === 'split') {
        add(list, st.a, pos);
        add(list, st.b, pos);
      } else if (st.op === 'assert') {
        const before = pos > 0 ? cps[pos - 1] : undefined;
        const after = cps[pos];
        const holds =
          st.what === 'begin' ? pos === 0 : st.what === 'end' ? pos === cps.length : (isWordChar(before) !== isWordChar(after)) === (st.what === 'word');
        if (holds) add(list, st.next, pos);
      } else {
        if (st.op === 'match') matched = true;
        list.push(s);
      }
    };
    for (let pos = 0; ; pos++) {
      // a match may start anywhere, as in regexp.MatchString; `^` pins it to the start
      add(current, start, pos);
      if (matched) return true;
      if (pos === cps.length) return false;
      generation++;
      const cp = cps[pos];
      for (const s of current) {
        const st = states[s];
        if (st.op === 'char' && st.test(cp)) add(next, st.next, pos + 1);
      }
      if (matched) return true;
      [current, next] = [next, current];
      next.length = 0;
    }
  };
  return { ok: true, regexp: { source, test } };
}
