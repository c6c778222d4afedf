/**
 * Finds the regular expression literals in TypeScript source without a parser: a small tokenizer
 * that skips comments, strings and template literals (with nested `${...}`) and tells a regex from
 * a division by the token before the slash, as JavaScript's grammar does for well-formed code.
 * Used by test/unit/robustness/regex.test.ts to audit every regex of the engine.
 */
export interface RegexLiteral {
  source: string;
  flags: string;
  /** One-based line of the literal in its file. */
  line: number;
}

/** Keywords after which a slash starts a regex (`return /x/`), not a division. */
const REGEX_AFTER_WORD = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);

export function regexLiterals(code: string): RegexLiteral[] {
  const found: RegexLiteral[] = [];
  // what the previous significant token was: 'value' (identifier, number, string, `)` or `]`) or 'operator'
  let previous: 'value' | 'operator' = 'operator';
  let i = 0;
  const lineAt = (offset: number) => code.slice(0, offset).split('\n').length;
  // template literal nesting: each entry counts the open braces of one `${ ... }`
  const templates: number[] = [];

  const skipString = (quote: string) => {
    i++;
    while (i < code.length && code[i] !== quote) i += code[i] === '\\' ? 2 : 1;
    i++;
  };
  /** Scans template text from i (after ` or }) to the closing ` or to a `${`. */
  const scanTemplate = () => {
    while (i < code.length) {
      if (code[i] === '\\') i += 2;
      else if (code[i] === '`') {
        i++;
        return;
      } else if (code[i] === '$' && code[i + 1] === '{') {
        i += 2;
        templates.push(0);
        return;
      } else i++;
    }
  };

  while (i < code.length) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') {
      while (i < code.length && code[i] !== '\n') i++;
    } else if (c === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (c === '"' || c === "'") {
      skipString(c);
      previous = 'value';
    } else if (c === '`') {
      i++;
      scanTemplate();
      previous = 'value';
    } else if (c === '{') {
      if (templates.length) templates[templates.length - 1]++;
      i++;
      previous = 'operator';
    } else if (c === '}') {
      if (templates.length && templates[templates.length - 1] === 0) {
        templates.pop();
        i++;
        scanTemplate();
        previous = 'value';
      } else {
        if (templates.length) templates[templates.length - 1]--;
        i++;
        previous = 'operator';
      }
    } else if (c === '/') {
      if (previous === 'value') {
        i++;
        previous = 'operator';
        continue;
      }
      const start = i;
      let inClass = false;
      i++;
      while (i < code.length && (inClass || code[i] !== '/')) {
        if (code[i] === '\\') i++;
        else if (code[i] === '[') inClass = true;
        else if (code[i] === ']') inClass = false;
        else if (code[i] === '\n') throw new Error(`unterminated regex literal at line ${lineAt(start)}`);
        i++;
      }
      const source = code.slice(start + 1, i);
      i++;
      let flags = '';
      while (i < code.length && /[a-z]/.test(code[i])) flags += code[i++];
      found.push({ source, flags, line: lineAt(start) });
      previous = 'value';
    } else if (/[A-Za-z0-9_$]/.test(c)) {
      let j = i;
      while (j < code.length && /[A-Za-z0-9_$]/.test(code[j])) j++;
      const word = code.slice(i, j);
      previous = REGEX_AFTER_WORD.has(word) ? 'operator' : 'value';
      i = j;
    } else if (c === ')' || c === ']') {
      previous = 'value';
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      // `!` after a value is TypeScript's non-null assertion: what follows is still a value's operator
      previous = c === '!' && (previous as string) === 'value' ? 'value' : 'operator';
      i++;
    }
  }
  return found;
}
