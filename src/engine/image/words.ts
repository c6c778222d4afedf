/**
 * Docker's build-time word processing, as BuildKit's shell lexer does it for ENV, ARG, LABEL, USER,
 * WORKDIR, EXPOSE, VOLUME, STOPSIGNAL, COPY and ADD: quotes are removed, the escape character
 * escapes, and `$VAR` / `${VAR}` / `${VAR:-word}` / `${VAR:+word}` are replaced. A variable whose
 * value Shipshape does not know (set by an unknown base image) is kept as written and reported.
 */

import { cleanPath } from '../go-match.ts';

/** Variables visible to an instruction: a value, or null when it is set but its value is unknown. */
export type Variables = ReadonlyMap<string, string | null>;

export interface ProcessedWord {
  value: string;
  /** Variables whose value is unknown (kept as `${NAME}` in `value`). */
  unknown: string[];
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;

/** Quote removal and substitution of one word (or of a whole argument such as WORKDIR's). */
export function processWord(text: string, vars: Variables, escapeChar = '\\'): ProcessedWord {
  const unknown: string[] = [];
  const lookup = (name: string): { set: boolean; value: string | null } => {
    if (!vars.has(name)) return { set: false, value: '' };
    const v = vars.get(name) ?? null;
    if (v === null && !unknown.includes(name)) unknown.push(name);
    return { set: true, value: v };
  };
  let out = '';
  let i = 0;

  const substitute = (): void => {
    // at text[i] === '$'
    const next = text[i + 1];
    if (next === '{') {
      const close = findClose(text, i + 2);
      if (close < 0) {
        out += text.slice(i);
        i = text.length;
        return;
      }
      const body = text.slice(i + 2, close);
      i = close + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-+?])?/.exec(body);
      if (!m) {
        out += '${' + body + '}';
        return;
      }
      const name = m[1];
      const op = m[2] ?? '';
      const word = body.slice(m[0].length);
      const v = lookup(name);
      if (op === '') {
        out += v.value === null ? '${' + name + '}' : v.value;
        return;
      }
      if (v.value === null) {
        // the operator's result depends on the unknown value
        out += '${' + body + '}';
        return;
      }
      const isSet = op.startsWith(':') ? v.set && v.value !== '' : v.set;
      const inner = processWord(word, vars, escapeChar);
      for (const u of inner.unknown) if (!unknown.includes(u)) unknown.push(u);
      if (op.endsWith('-')) out += isSet ? v.value : inner.value;
      else if (op.endsWith('+')) out += isSet ? inner.value : '';
      else out += v.value; // `?`: an unset variable is a build error; the value is what a build that passes uses
      return;
    }
    if (next !== undefined && NAME_START.test(next)) {
      let j = i + 1;
      while (j < text.length && NAME_CHAR.test(text[j])) j++;
      const name = text.slice(i + 1, j);
      const v = lookup(name);
      out += v.value === null ? '${' + name + '}' : v.value;
      i = j;
      return;
    }
    out += '$';
    i++;
  };

  while (i < text.length) {
    const c = text[i];
    if (c === escapeChar) {
      if (i + 1 < text.length) out += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      const end = close < 0 ? text.length : close;
      out += text.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      i++;
      while (i < text.length && text[i] !== '"') {
        const d = text[i];
        if (d === escapeChar && i + 1 < text.length) {
          const e = text[i + 1];
          out += e === '"' || e === '$' || e === escapeChar ? e : d + e;
          i += 2;
        } else if (d === '$') substitute();
        else {
          out += d;
          i++;
        }
      }
      i++;
      continue;
    }
    if (c === '$') {
      substitute();
      continue;
    }
    out += c;
    i++;
  }
  return { value: out, unknown };
}

function findClose(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** Splits an argument string into words on unquoted blanks, keeping quotes and escapes for processWord. */
export function splitWords(text: string, escapeChar = '\\'): string[] {
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      current += c;
      if (c === escapeChar && quote === '"' && i + 1 < text.length) {
        current += text[++i];
      } else if (c === quote) quote = null;
      continue;
    }
    if (c === escapeChar && i + 1 < text.length) {
      current += c + text[++i];
      inWord = true;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    current += c;
    inWord = true;
  }
  if (inWord) words.push(current);
  return words;
}

export interface KeyValue {
  key: string;
  value: string;
  unknown: string[];
}

/**
 * ENV and LABEL arguments: `k=v k2="v 2"`, or the legacy `k value with spaces`. Each value is
 * substituted with the variables visible before the instruction (Docker substitutes all pairs of
 * one instruction with the same, earlier values).
 */
export function parseKeyValues(text: string, vars: Variables, escapeChar = '\\'): KeyValue[] {
  const words = splitWords(text.trim(), escapeChar);
  if (words.length === 0) return [];
  if (!words[0].includes('=')) {
    const key = processWord(words[0], vars, escapeChar).value;
    const rest = text.trim().slice(words[0].length).trim();
    const v = processWord(rest, vars, escapeChar);
    return [{ key, value: v.value, unknown: v.unknown }];
  }
  const pairs: KeyValue[] = [];
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq <= 0) continue;
    const key = processWord(w.slice(0, eq), vars, escapeChar).value;
    const v = processWord(w.slice(eq + 1), vars, escapeChar);
    pairs.push({ key, value: v.value, unknown: v.unknown });
  }
  return pairs;
}

/** A JSON array of strings (exec form), or null. */
export function parseJsonArray(text: string): string[] | null {
  const t = text.trim();
  if (!t.startsWith('[')) return null;
  try {
    const parsed: unknown = JSON.parse(t);
    if (Array.isArray(parsed) && parsed.every((s) => typeof s === 'string')) return parsed as string[];
  } catch {
    // not JSON: Docker treats the text as shell form / plain words
  }
  return null;
}

/** Drops leading `--flag` / `--flag=value` words from an instruction's argument text. */
export function stripFlags(text: string): string {
  let t = text.trimStart();
  while (t.startsWith('--')) {
    const m = /^--\S*\s*/.exec(t);
    if (!m) break;
    t = t.slice(m[0].length);
  }
  return t;
}

// ---------------------------------------------------------------------------------------------
// Paths (POSIX, as inside a Linux image)
// ---------------------------------------------------------------------------------------------

/** Go's path.Clean, shared with the build context's matching (one implementation of it). */
export { cleanPath };

/** Resolves `p` against directory `dir` (absolute), like WORKDIR and COPY destinations do. */
export function resolvePath(dir: string, p: string): string {
  if (p.startsWith('/')) return cleanPath(p);
  return cleanPath(`${dir === '' ? '/' : dir}/${p}`);
}

/** True when `path` is `dir` or inside it. */
export function isWithin(path: string, dir: string): boolean {
  if (dir === '/') return path.startsWith('/');
  return path === dir || path.startsWith(dir + '/');
}

export function basename(p: string): string {
  const t = p.replace(/(?<!\/)\/+$/, '');
  return t.slice(t.lastIndexOf('/') + 1);
}

// ---------------------------------------------------------------------------------------------
// Durations (Go's time.ParseDuration / Duration.String, as HEALTHCHECK options use them)
// ---------------------------------------------------------------------------------------------

const UNIT_SECONDS: Record<string, number> = { ns: 1e-9, us: 1e-6, 'µs': 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };

/** Seconds in a Go duration (`1m30s`, `500ms`), or null when it is not one. */
export function parseDuration(text: string): number | null {
  const t = text.trim();
  if (t === '0') return 0;
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let pos = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(t))) {
    total += Number(m[1]) * UNIT_SECONDS[m[2]];
    pos = re.lastIndex;
  }
  return pos === t.length && pos > 0 ? total : null;
}

/** Formats seconds as Go prints a Duration: `30s`, `1m30s`, `500ms`, `0s`. */
export function formatDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  if (seconds < 1) {
    const ms = Math.round(seconds * 1e6) / 1e3;
    return `${ms}ms`;
  }
  let rest = seconds;
  let out = '';
  const h = Math.floor(rest / 3600);
  if (h > 0) {
    out += `${h}h`;
    rest -= h * 3600;
  }
  const m = Math.floor(rest / 60);
  if (h > 0 || m > 0) {
    out += `${m}m`;
    rest -= m * 60;
  }
  const s = Math.round(rest * 1e9) / 1e9;
  out += `${s}s`;
  return out;
}
