/**
 * Splits shell text into simple commands. shell-quote does the tokenising (quotes, escapes,
 * operators, comments); it reports no positions, so each token is then located in the source by a
 * cursor that skips blanks and walks one shell word (respecting quotes) at a time.
 */
import { parse as shellParse } from 'shell-quote';
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
}

type Token =
  | { kind: 'word'; value: string; start: number; end: number }
  | { kind: 'op'; op: string; start: number; end: number };

const SEPARATORS = new Set(['&&', '||', ';', '|', '&', ';;', '|&']);
const REDIRECTS = new Set(['>', '>>', '<', '<<', '>&', '<&', '<>', '>|', '<(', '<<<']);
const WORD_BREAK = new Set([' ', '\t', '\n', '\r', ';', '&', '|', '<', '>', '(', ')']);

const keepVariables = (key: string): string => (key ? '${' + key + '}' : '$');

function skipBlanks(text: string, i: number): number {
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  return i;
}

/** End of the shell word starting at i: quotes and backslash escapes keep it together. */
function wordEnd(text: string, i: number): number {
  let quote: string | null = null;
  let depth = 0;
  while (i < text.length) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i += 2;
      else {
        if (c === quote) quote = null;
        i++;
      }
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') {
      quote = c;
      i++;
      continue;
    }
    if (c === '$' && text[i + 1] === '(') {
      depth++;
      i += 2;
      continue;
    }
    if (c === ')' && depth > 0) {
      depth--;
      i++;
      continue;
    }
    if (depth === 0 && WORD_BREAK.has(c)) break;
    i++;
  }
  return Math.min(i, text.length);
}

function tokenize(text: string): Token[] {
  let parsed: ReturnType<typeof shellParse>;
  try {
    parsed = shellParse(text, keepVariables);
  } catch {
    // shell-quote rejects some malformed input; treat the text as plain words then
    parsed = text.split(/[ \t\r\n]+/).filter(Boolean);
  }
  const tokens: Token[] = [];
  let cursor = 0;
  for (const t of parsed) {
    cursor = skipBlanks(text, cursor);
    if (typeof t === 'string' || (typeof t === 'object' && 'op' in t && t.op === 'glob')) {
      const value = typeof t === 'string' ? t : (t as { pattern: string }).pattern;
      const end = Math.max(wordEnd(text, cursor), Math.min(cursor + 1, text.length));
      tokens.push({ kind: 'word', value, start: cursor, end });
      cursor = end;
    } else if (typeof t === 'object' && 'op' in t) {
      const op = t.op as string;
      const at = text.startsWith(op, cursor) ? cursor : text.indexOf(op, cursor);
      const start = at >= 0 ? at : cursor;
      tokens.push({ kind: 'op', op, start, end: Math.min(start + op.length, text.length) });
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

  const flush = (sep: CommandSeparator | undefined) => {
    const assignments: Word[] = [];
    let k = 0;
    while (k < words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[k].value)) {
      assignments.push({ value: words[k].value, range: toRange(words[k].start, words[k].end) });
      k++;
    }
    if (k < words.length) {
      const p = words[k];
      const first = words[0];
      const last = words[words.length - 1];
      const program = p.value;
      commands.push({
        program,
        name: program.slice(program.lastIndexOf('/') + 1),
        args: words.slice(k + 1).map((w) => ({ value: w.value, range: toRange(w.start, w.end) })),
        programRange: toRange(p.start, p.end),
        range: toRange(first.start, last.end),
        assignments,
        after,
        before: sep,
        redirects,
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
      } else if (/^\d+$/.test(t.value) && text[t.end] !== undefined && (text[t.end] === '>' || text[t.end] === '<')) {
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
