/**
 * Splits shell text into simple commands. shell-quote's rules do the tokenising (quotes, escapes,
 * operators, comments), through shell-words.ts, a faster copy of its parser; they report no
 * positions, so each token is then located in the source by a cursor that skips blanks and walks
 * one shell word (respecting quotes) at a time.
 */
import { shellWords, type ShellEntry } from './shell-words.ts';
import type { Range } from './types.ts';
import type { LineIndex, LogicalText } from './text.ts';

export interface Word {
  /** The word after quote removal; `$VAR` and `${VAR}` are kept as written. */
  value: string;
  range: Range;
}

export type CommandSeparator = '&&' | '||' | ';' | '|' | '&' | '\n';

export interface ShellCommand {
  /** The program as written (`/usr/bin/apt-get`, `sudo`). */
  program: string;
  /** Its base name (`apt-get`). */
  name: string;
  /** Every word after the program, flags included, redirections excluded. */
  args: Word[];
  programRange: Range;
  /** From the first word to the last word of the command. */
  range: Range;
  /** `VAR=value` words before the program. */
  assignments: Word[];
  /** The operator before this command, if any. */
  after?: CommandSeparator;
  /** The operator after this command, if any. */
  before?: CommandSeparator;
  /** Redirection targets: `> /dev/null` gives { op: '>', target: '/dev/null' }. */
  redirects: { op: string; target: string }[];
  /**
   * What package-managers.ts has read from this command, kept on it because many rules ask about every
   * command (a slot on the object is much cheaper to read than a WeakMap). Not part of the model's meaning.
   */
  readings?: CommandReadings;
}

/** Memo slots for package-managers.ts; `undefined` means not read yet, `null` means "not one". */
export interface CommandReadings {
  unwrapped?: unknown;
  packageManager?: unknown;
}

type Token =
  | { kind: 'word'; value: string; start: number; end: number }
  | { kind: 'op'; op: string; start: number; end: number };

const SEPARATORS = new Set(['&&', '||', ';', '|', '&', ';;', '|&', '\n']);
/** Shell keywords that open a compound command: the simple command starts after them. */
const LEADING_KEYWORDS = new Set(['!', '{', 'then', 'do', 'else', 'elif', 'if', 'while', 'until']);
/** Keywords that close a compound command: not commands of their own. */
const CLOSING_KEYWORDS = new Set(['}', 'fi', 'done', 'esac']);
const REDIRECTS = new Set(['>', '>>', '<', '<<', '>&', '<&', '<>', '>|', '<(', '<<<']);
/** What a backslash escapes outside quotes for shell-quote: quotes, `$`, `\\` and its operator and blank characters. */
const ESCAPABLE = charTable('"\'$\\|&;()<> \t');
/** Characters that end a word outside quotes (blanks aside). */
const WORD_BREAK = charTable(' \t\n\r;&|<>()');

/** A lookup table over ASCII codes: the hot loops below test char codes, not one-character strings in a Set. */
function charTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

/**
 * A blank to the tokeniser: its words exclude every JS `\s` character, so a no-break space or a
 * form feed between words separates them as a space does, and the cursor must skip it too.
 */
function isBlankCode(code: number): boolean {
  return code === 32 || (code >= 9 && code <= 13) || (code >= 0xa0 && /\s/.test(String.fromCharCode(code)));
}

function skipBlanks(text: string, i: number): number {
  while (i < text.length && isBlankCode(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Offset of the quote that closes the one at i (backslash escapes count inside "..." and `...`),
 * or -1 when it never closes. shell-quote drops an unmatched quote and reads on as plain text, so
 * the masking and the word cursor do the same: otherwise every later range lands at the end.
 */
function closingQuote(text: string, i: number): number {
  const q = text.charCodeAt(i);
  if (q === 39 /* ' */) return text.indexOf("'", i + 1);
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === 92 /* \\ */) j++;
    else if (c === q) return j;
  }
  return -1;
}

/**
 * shell-quote's tokeniser skips a quote that never closes, as if it were a blank; the cursor that
 * locates its tokens must see the same blank, so such quotes are blanked (offsets unchanged).
 */
function blankUnmatchedQuotes(text: string): string {
  let out: string | null = null;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) i += 2;
    else if (c === 34 /* " */ || c === 39 /* ' */) {
      const close = closingQuote(text, i);
      if (close >= 0) i = close + 1;
      else {
        out = (out ?? text).slice(0, i) + ' ' + (out ?? text).slice(i + 1);
        i++;
      }
    } else i++;
  }
  return out ?? text;
}

/**
 * Whether shell text is complete: every quote, backquote, `$(` and `(` is closed. The shell rejects
 * text that is not ("unexpected EOF"), and a command appended to it would land inside the open part.
 */
export function isCompleteShell(text: string): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '"' || c === "'" || c === '`') {
      const close = closingQuote(text, i);
      if (close < 0) return false;
      i = close;
    } else if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
  }
  return depth === 0;
}

/** End of the shell word starting at i: quotes and backslash escapes keep it together. */
function wordEnd(text: string, i: number): number {
  let depth = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \\ */) {
      // shell-quote's words take `\` as an escape only before these; elsewhere it is a plain character
      const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
      i += next >= 0 && next < 128 && ESCAPABLE[next] === 1 ? 2 : 1;
      continue;
    }
    if (c === 34 /* " */ || c === 39 /* ' */) {
      // quotes left in the text are matched (see blankUnmatchedQuotes); a backquote is a plain character to shell-quote
      const close = closingQuote(text, i);
      i = close < 0 ? i + 1 : close + 1;
      continue;
    }
    if (c === 36 /* $ */ && i + 1 < n && text.charCodeAt(i + 1) === 40 /* ( */) {
      depth++;
      i += 2;
      continue;
    }
    if (c === 41 /* ) */ && depth > 0) {
      depth--;
      i++;
      continue;
    }
    if (depth === 0 && ((c < 128 && WORD_BREAK[c] === 1) || isBlankCode(c))) break;
    i++;
  }
  return Math.min(i, n);
}

/** Marks that stand in for `$(...)` / `<(...)` while shell-quote tokenises; two alternate so neighbours stay apart. */
const SUBSTITUTION_MARKS = ['\uE001', '\uE002'];
const SUBSTITUTION_RUN = /\uE001+|\uE002+/g;
/** Stands in for a `#` inside a word, which shell-quote would take for a comment. */
const HASH_MARK = '\uE003';

interface MaskedText {
  /** Same length as the input, so every offset still points at the source. */
  text: string;
  /** Offsets of newlines that end a command (reported as the '\n' separator). */
  newlines: Set<number>;
  /** Source text of each masked substitution, in order. */
  substitutions: string[];
  /** Whether any mark (substitution or `#`) stands in the text, to be restored in the words. */
  marked: boolean;
}

/** Offset just past the `)` that closes a substitution whose body starts at i. */
function substitutionEnd(text: string, i: number): number {
  let depth = 1;
  let quote: string | null = null;
  while (i < text.length) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote !== "'") i++;
      else if (c === quote) quote = null;
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
    i++;
  }
  return text.length;
}

/**
 * Prepares text for shell-quote without moving any offset. shell-quote treats a newline as a blank
 * and a comment as the rest of the text, and splits `$(cmd)` into operators, so: comments become
 * blanks, newlines that end a command become `;` (remembered), heredoc bodies inside a script become
 * blanks, and each unquoted `$(...)`, `<(...)`, `>(...)` becomes one word of marks restored later.
 */
function maskText(text: string): MaskedText {
  const newlines = new Set<number>();
  const substitutions: string[] = [];
  // nothing to mask: the common RUN line, joined from its continuations
  if (text.indexOf('#') < 0 && text.indexOf('(') < 0 && text.indexOf('\n') < 0 && text.indexOf('`') < 0) return { text, newlines, substitutions, marked: false };
  // the output is the input with some spans replaced: copy the unchanged runs in slices
  let out = '';
  let copied = 0;
  const replace = (from: number, to: number, replacement: string) => {
    out += text.slice(copied, from) + replacement;
    copied = to;
  };
  const heredocs: { delimiter: string; stripTabs: boolean }[] = [];
  let hashMarked = false;
  // last significant character outside quotes and comments: decides whether a newline ends a command
  let last = '';
  let lastNonBlank = text.length - 1;
  while (lastNonBlank >= 0 && /\s/.test(text[lastNonBlank])) lastNonBlank--;
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) {
      last = 'x';
      i += 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      const close = closingQuote(text, i);
      if (close < 0) {
        // unmatched: shell-quote reads it as plain text, and so must the offsets
        last = 'x';
        i++;
        continue;
      }
      if (c === '`') {
        // a backquoted substitution is one word, like $(...): shell-quote would split it at blanks
        replace(i, close + 1, SUBSTITUTION_MARKS[substitutions.length % 2].repeat(close + 1 - i));
        substitutions.push(text.slice(i, close + 1));
        last = 'x';
        i = close + 1;
        continue;
      }
      // a matched quote: nothing inside it is masked, so the scan resumes after it (closingQuote and
      // the shell agree on where it ends); the newline rule below sees the quote as the last character
      last = c;
      i = close + 1;
      continue;
    }
    if ((c === '$' || c === '<' || c === '>') && text[i + 1] === '(') {
      const end = substitutionEnd(text, i + 2);
      replace(i, end, SUBSTITUTION_MARKS[substitutions.length % 2].repeat(end - i));
      substitutions.push(text.slice(i, end));
      last = 'x';
      i = end;
      continue;
    }
    if (c === '#') {
      if (i === 0 || /[\s;&|()]/.test(text[i - 1])) {
        let e = i;
        while (e < text.length && text[e] !== '\n' && text[e] !== '\r') e++;
        replace(i, e, ' '.repeat(e - i));
        i = e;
      } else {
        // inside a word (`repo.git#v1`): shell-quote would start a comment here
        replace(i, i + 1, HASH_MARK);
        hashMarked = true;
        last = c;
        i++;
      }
      continue;
    }
    if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      const m = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([A-Za-z0-9_.-]+))/.exec(text.slice(i, i + 200));
      if (m) heredocs.push({ delimiter: m[2] ?? m[3] ?? m[4], stripTabs: m[1] === '-' });
    }
    if (c === '\n') {
      if ('&|;(\n'.includes(last) || last === '' || i > lastNonBlank) {
        // stays a newline
      } else {
        replace(i, i + 1, ';');
        newlines.add(i);
        last = '\n';
      }
      i++;
      // bodies of heredocs opened on the line just ended are data, not commands
      let j = i;
      for (const h of heredocs) {
        while (j < text.length) {
          const nl = text.indexOf('\n', j);
          const lineEnd = nl < 0 ? text.length : nl;
          let line = text.slice(j, lineEnd).replace(/\r$/, '');
          if (h.stripTabs) line = line.replace(/^\t+/, '');
          j = nl < 0 ? text.length : nl + 1;
          if (line === h.delimiter) break;
        }
      }
      heredocs.length = 0;
      if (j > i) {
        let blanked = '';
        for (let k = i; k < j; k++) blanked += text[k] === '\n' || text[k] === '\r' ? text[k] : ' ';
        replace(i, j, blanked);
        i = j;
      }
      continue;
    }
    if (c !== ' ' && c !== '\t' && c !== '\r') last = c;
    i++;
  }
  out += text.slice(copied);
  return { text: out, newlines, substitutions, marked: hashMarked || substitutions.length > 0 };
}

function tokenize(source: string): Token[] {
  const masked = maskText(source);
  const text = blankUnmatchedQuotes(masked.text);
  let substitution = 0;
  const restore = (value: string): string => {
    if (!masked.marked) return value;
    let v = value.includes(HASH_MARK) ? value.replaceAll(HASH_MARK, '#') : value;
    if (v.includes('\uE001') || v.includes('\uE002')) v = v.replace(SUBSTITUTION_RUN, () => masked.substitutions[substitution++] ?? '');
    return v;
  };
  let parsed: ShellEntry[];
  try {
    parsed = shellWords(text);
  } catch {
    // shell-quote rejects some malformed input (a `${` never closed): read it as plain words and
    // one-character operators then, cut by the same cursor, so every range still fits its word
    const tokens: Token[] = [];
    for (let i = skipBlanks(text, 0); i < text.length; i = skipBlanks(text, i)) {
      const end = wordEnd(text, i);
      if (end > i) tokens.push({ kind: 'word', value: restore(text.slice(i, end)), start: i, end });
      else tokens.push({ kind: 'op', op: text[i] === ';' && masked.newlines.has(i) ? '\n' : text[i], start: i, end: i + 1 });
      i = Math.max(end, i + 1);
    }
    return tokens;
  }
  const tokens: Token[] = [];
  let cursor = 0;
  for (const t of parsed) {
    cursor = skipBlanks(text, cursor);
    if (typeof t === 'string' || (typeof t === 'object' && 'op' in t && t.op === 'glob')) {
      const value = typeof t === 'string' ? t : (t as { pattern: string }).pattern;
      const end = Math.max(wordEnd(text, cursor), Math.min(cursor + 1, text.length));
      tokens.push({ kind: 'word', value: restore(value), start: cursor, end });
      cursor = end;
    } else if (typeof t === 'object' && 'op' in t) {
      const op = t.op as string;
      const at = text.startsWith(op, cursor) ? cursor : text.indexOf(op, cursor);
      const start = at >= 0 ? at : cursor;
      const isNewline = op === ';' && masked.newlines.has(start);
      tokens.push({ kind: 'op', op: isNewline ? '\n' : op, start, end: Math.min(start + op.length, text.length) });
      cursor = Math.min(start + op.length, text.length);
    } else {
      // a comment: the rest of the text is not commands
      break;
    }
  }
  return tokens;
}

/**
 * Splits logical (continuation-free) shell text into simple commands, with ranges in the document.
 */
export function splitCommands(logical: LogicalText, doc: LineIndex): ShellCommand[] {
  const { text, offsets } = logical;
  const toRange = (s: number, e: number): Range => {
    const a = offsets[Math.min(s, offsets.length - 1)];
    // end is exclusive: map the last character, then step past it
    const last = e > s ? offsets[Math.min(e - 1, offsets.length - 1)] + 1 : a;
    return doc.range(a, Math.max(a, last));
  };
  const commands: ShellCommand[] = [];
  let words: Extract<Token, { kind: 'word' }>[] = [];
  let redirects: { op: string; target: string }[] = [];
  let pendingRedirect: string | null = null;
  let after: CommandSeparator | undefined;

  const wordsFrom = (from: number): Word[] => {
    const out: Word[] = [];
    for (let n = from; n < words.length; n++) out.push({ value: words[n].value, range: toRange(words[n].start, words[n].end) });
    return out;
  };
  const flush = (sep: CommandSeparator | undefined) => {
    const assignments: Word[] = [];
    let k = 0;
    while (k < words.length && LEADING_KEYWORDS.has(words[k].value)) k++;
    if (k > 0) words = words.slice(k);
    k = 0;
    while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k].value)) {
      assignments.push({ value: words[k].value, range: toRange(words[k].start, words[k].end) });
      k++;
    }
    if (k < words.length && !(k === 0 && CLOSING_KEYWORDS.has(words[k].value))) {
      const p = words[k];
      const first = words[0];
      const last = words[words.length - 1];
      const program = p.value;
      commands.push({
        program,
        name: program.slice(program.lastIndexOf('/') + 1),
        args: wordsFrom(k + 1),
        programRange: toRange(p.start, p.end),
        range: toRange(first.start, last.end),
        assignments,
        after,
        before: sep,
        redirects,
        readings: undefined,
      });
      after = sep;
    } else if (sep) {
      after = sep;
    }
    words = [];
    redirects = [];
    pendingRedirect = null;
  };

  for (const t of tokenize(text)) {
    if (t.kind === 'word') {
      if (pendingRedirect) {
        redirects.push({ op: pendingRedirect, target: t.value });
        pendingRedirect = null;
      } else if ((text[t.end] === '>' || text[t.end] === '<') && /^\d+$/.test(t.value)) {
        // file descriptor number of a redirection (2>&1): not an argument
      } else {
        words.push(t);
      }
    } else if (SEPARATORS.has(t.op)) {
      flush(t.op === '|&' ? '|' : t.op === ';;' ? ';' : (t.op as CommandSeparator));
    } else if (REDIRECTS.has(t.op)) {
      pendingRedirect = t.op;
    } else if (t.op === '(' || t.op === ')') {
      flush(undefined);
    }
  }
  flush(undefined);
  return commands;
}
