/**
 * shell-quote's `parse(text, env)` as shell.ts calls it (variables kept as `${NAME}`, no options),
 * with the same output, for speed. shell-quote builds its expressions and two closures for every
 * word and, given an env function, splits every word again with a RegExp made for the purpose;
 * tokenising was the largest cost of a lint after parsing. test/unit/shell-words.test.ts compares the
 * two on every corpus and lesson file and on generated text.
 *
 * Adapted from shell-quote 1.12.0 (`parse.js`), MIT License, Copyright (c) 2013 James Halliday
 * (mail@substack.net) and contributors; see docs/licenses.md.
 */

export type ShellEntry = string | { op: string } | { op: 'glob'; pattern: string } | { comment: string };

// the expressions shell-quote builds, with its default escape character (backslash)
const CONTROL =
  '(?:' +
  ['\\|\\|', '\\&(?:\\&|>>?)', ';;\\&?', '[;|]\\&', '\\<\\(', '\\<\\<\\<', '\\<\\<-', '\\<\\<(?!\\()', '>>', '>[&|(]', '<[&>]', '[&;()|<>]'].join('|') +
  ')';
/** A word the character loop would copy unchanged. */
const PLAIN_WORD = /^[^"'\\$#*?&;()|<>]+$/;
const META = '|&;()<> \\t';
const SINGLE_QUOTE = "'([^']*?)'";
const ANSI_C_BODY = "(?:\\\\[\\s\\S]|[^\\\\'])*?";
const ANSI_C_QUOTE = "\\$'" + ANSI_C_BODY + "'";
const ansiCAt = new RegExp("\\$'" + ANSI_C_BODY + "(?:(')|\\\\?$)", 'g');
const ANSI_C_LETTERS = 'abeEfnrtv';
const ANSI_C_CHARS = '\x07\b\x1B\x1B\f\n\r\t\v';
const BS = '\\';
const BAREWORD = '(\\' + BS + '[\'"$\\' + BS + META + ']|\\$\\$|\\$(?!' + ANSI_C_QUOTE.slice(2) + ')|[^\\s\'"$' + META + '])+';
const DOUBLE_QUOTE = '"(?:\\' + BS + '[\\s\\S]|[^"\\' + BS + '])*"';
const CHUNKER = new RegExp(['(' + CONTROL + ')', '(' + ANSI_C_QUOTE + '|' + BAREWORD + '|' + DOUBLE_QUOTE + '|' + SINGLE_QUOTE + ')+'].join('|'), 'g');
/** The single characters CONTROL matches on their own. */
const CONTROL_CHARS = '&;()|<>';
const SPECIAL_VARIABLE = /[*@#?$!-]/;
const NOT_NAME = /[^\w\d_]/;
const ansiCEscape = /\\([0-7]{1,3}|x[\dA-Fa-f]{1,2}|u[\dA-Fa-f]{1,4}|U[\dA-Fa-f]{1,8}|c(?:\\\\|[\s\S])|[abeEfnrtv\\'"?])/g;

function expandAnsiCEscape(m: string, escape: string): string {
  const kind = escape.charAt(0);
  if (kind === 'c') {
    const ctrl = escape.charAt(1);
    return ctrl === '?' ? '\x7F' : String.fromCharCode(ctrl.charCodeAt(0) & 0x1f);
  }
  if (kind === 'x' || kind === 'u' || kind === 'U') {
    const cp = parseInt(escape.slice(1), 16);
    if (cp > 0x10ffff) return m;
    return cp > 0xffff ? String.fromCharCode(0xd7c0 + (cp >> 10), 0xdc00 + (cp & 0x3ff)) : String.fromCharCode(cp);
  }
  if (kind >= '0' && kind <= '7') return String.fromCharCode(parseInt(escape, 8) & 0xff);
  const letter = ANSI_C_LETTERS.indexOf(escape);
  return letter < 0 ? escape : ANSI_C_CHARS.charAt(letter);
}

const expandAnsiC = (body: string) => body.replace(ansiCEscape, expandAnsiCEscape).split('\0')[0];

function closesAnsiC(s: string, i: number): boolean {
  ansiCAt.lastIndex = i;
  return !!(ansiCAt.exec(s) as RegExpExecArray)[1];
}

/** `$NAME`, `${NAME}` -> `${NAME}`; a lone `$` stays `$`. */
const keep = (name: string) => (name !== '' ? '${' + name + '}' : '$');

/** Throws on a bad `${}` substitution, as shell-quote does. */
export function shellWords(string: string): ShellEntry[] {
  const entries: ShellEntry[] = [];
  CHUNKER.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = CHUNKER.exec(string))) {
    if (CHUNKER.lastIndex === match.index) CHUNKER.lastIndex += 1;
    const s = match[0];
    if (!s) continue;
    // the first alternative is CONTROL, and the second cannot match an operator (its words exclude
    // every operator character): group 1 says what shell-quote's controlRE.test(s) would
    if (match[1] !== undefined) {
      entries.push({ op: s });
      continue;
    }
    // most words have no quote, escape, variable, glob or comment: the loop below would copy them as they are
    if (PLAIN_WORD.test(s)) {
      entries.push(s);
      continue;
    }
    let quote: string | false = false;
    let esc = false;
    let out = '';
    let isGlob = false;
    let i: number;
    let done = false;
    const envVar = (): string => {
      i += 1;
      const char = s.charAt(i);
      if (char === '{') {
        i += 1;
        if (s.charAt(i) === '}') throw new Error('Bad substitution: ' + s.slice(i - 2, i + 1));
        let depth = 1;
        let end = i;
        while (depth > 0 && end < s.length) {
          if (s.charAt(end) === '{' && s.charAt(end - 1) === '$') depth += 1;
          else if (s.charAt(end) === '}') depth -= 1;
          end += 1;
        }
        if (depth !== 0) throw new Error('Bad substitution: ' + s.slice(i));
        end -= 1;
        const name = s.slice(i, end);
        i = end;
        return keep(name);
      }
      if (SPECIAL_VARIABLE.test(char)) return keep(char);
      const rest = s.slice(i);
      const m = NOT_NAME.exec(rest);
      if (!m) {
        i = s.length;
        return keep(rest);
      }
      i += m.index - 1;
      return keep(rest.slice(0, m.index));
    };
    for (i = 0; i < s.length; i++) {
      let c = s.charAt(i);
      isGlob = isGlob || (!quote && (c === '*' || c === '?'));
      if (esc) {
        out += c;
        esc = false;
      } else if (quote) {
        if (c === quote) quote = false;
        else if (quote === "'") out += c;
        else if (c === BS) {
          i += 1;
          c = s.charAt(i);
          out += c === '"' || c === BS || c === '$' ? c : BS + c;
        } else if (c === '$') out += envVar();
        else out += c;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c !== '' && CONTROL_CHARS.includes(c)) {
        entries.push({ op: s });
        done = true;
        break;
      } else if (c === '#') {
        if (out.length) entries.push(out);
        entries.push({ comment: string.slice(match.index + i + 1) });
        return entries;
      } else if (c === BS) {
        esc = true;
      } else if (c === '$' && s.charAt(i + 1) === "'" && closesAnsiC(s, i)) {
        out += expandAnsiC(s.slice(i + 2, ansiCAt.lastIndex - 1));
        i = ansiCAt.lastIndex - 1;
      } else if (c === '$') {
        out += envVar();
      } else {
        out += c;
      }
    }
    if (done) continue;
    entries.push(isGlob ? { op: 'glob', pattern: out } : out);
  }
  return entries;
}
