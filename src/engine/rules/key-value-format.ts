import { defineRule } from '../rule.ts';
import type { Instruction } from '../model.ts';
import type { Fix, Range } from '../types.ts';

/** An escape character (or backtick) followed by blanks and a line break: a line continuation, not part of the value. */
const CONTINUATION: Record<string, RegExp> = { '\\': /\\[ \t]*(?:\r\n|\r|\n)/g, '`': /`[ \t]*(?:\r\n|\r|\n)/g };
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Whether `text` has whitespace outside quotes; null when a quote is left open. */
function unquotedSpace(text: string, escapeChar: string): boolean | null {
  let q: string | null = null;
  let space = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (q === "'") {
      if (c === q) q = null;
    } else if (c === escapeChar) i++;
    else if (q === '"') {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') space = true;
  }
  return q ? null : space;
}

/**
 * Whether the first word as BuildKit's parser splits it (quotes group words) holds `=`: that decides the
 * form. Scanned in place, without cutting the word out (every ENV and LABEL asks).
 */
function firstWordHasEquals(text: string): boolean {
  let q: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '=') return true;
    if (q) {
      if (c === q) q = null;
    } else if (c === '"' || c === "'") q = c;
    else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') return false;
  }
  return false;
}

export default defineRule({
  meta: {
    id: 'key-value-format',
    title: 'ENV and LABEL use `KEY=value`',
    severity: 'warning',
    lesson: '15-real-web-server',
    related: { buildkit: ['LegacyKeyValueFormat'] },
    why:
      '`ENV PORT 8080` is the legacy form, deprecated by Docker: it takes everything after the name, spaces included, as one value. ' +
      'That is why it surprises: `ENV NODE_ENV production PORT=8080` sets `NODE_ENV` to `production PORT=8080` and never sets `PORT`. ' +
      'The `KEY=value` form sets several variables in one line, reads the same in ENV, LABEL and ARG, and says where a value ends. ' +
      'An `ARG NAME value` line is a different trap: ARG has no legacy form, so it declares two ARGs, `NAME` (without a default) and ' +
      '`value`. The quick fix writes `KEY=value`, quoting a value that contains spaces, when that keeps the value exactly as it was.',
    fixable: true,
    examples: {
      incorrect: 'FROM node:24-bookworm-slim\nWORKDIR /app\nCOPY . .\nENV NODE_ENV production\nENV PORT 8080\nCMD ["node", "server.js"]\n',
      correct: 'FROM node:24-bookworm-slim\nWORKDIR /app\nCOPY . .\nENV NODE_ENV=production PORT=8080\nCMD ["node", "server.js"]\n',
    },
  },
  create(context) {
    const { model } = context;
    const { doc, escapeChar } = model;
    const continuation = CONTINUATION[escapeChar] ?? CONTINUATION['\\'];
    const keywordOf = (ins: Instruction) => doc.rangeText(ins.keywordRange);

    const legacyEnvOrLabel = (ins: Instruction) => {
      if (ins.args.length === 0 || !ins.argumentsRange) return;
      if (firstWordHasEquals(ins.argumentsText)) return;
      const key = ins.args[0];
      const kw = keywordOf(ins);
      if (ins.args.length === 1) {
        context.report({
          range: ins.range,
          message: `\`${kw} ${key.value}\` has no value, which Docker rejects. Write \`${kw} ${key.value}=<value>\`.`,
        });
        return;
      }
      const gap: Range = { start: key.range.end, end: ins.args[1].range.start };
      const valueRange: Range = { start: ins.args[1].range.start, end: ins.argumentsRange.end };
      const rawValue = doc.rangeText(valueRange);
      const value = rawValue.replace(continuation, '');
      const spaced = unquotedSpace(value, escapeChar);
      const plain = !/["'`]/.test(value) && !value.includes(escapeChar);
      let fix: Fix | undefined;
      let written: string | undefined;
      // no rewrite when a quote is left open in the value or in the key (`LABEL "name value`): the quote would pair with the new ones
      const keyClosed = unquotedSpace(key.value, escapeChar) !== null;
      if (spaced !== null && keyClosed && !doc.rangeText(gap).includes('#') && !key.value.includes(escapeChar) && (!spaced || plain)) {
        fix = {
          title: 'Write it as KEY=value',
          edits: spaced ? [{ range: gap, newText: '="' }, { range: { start: valueRange.end, end: valueRange.end }, newText: '"' }] : [{ range: gap, newText: '=' }],
        };
        written = `${kw} ${key.value}=${spaced ? `"${value.replace(/\s+/g, ' ')}"` : value}`;
      }
      context.report({
        range: ins.range,
        message:
          `\`${kw} ${key.value} <value>\` is the deprecated legacy form: everything after the name, spaces included, becomes one value. ` +
          (written ? `Write \`${written}\`.` : `Write \`${kw} ${key.value}=<value>\`, in quotes if the value has spaces.`),
        ...(fix ? { fix } : {}),
      });
    };

    const argWithValue = (ins: Instruction) => {
      if (ins.args.length !== 2) return;
      const [name, second] = ins.args;
      if (!NAME.test(name.value) || second.value.includes('=') || NAME.test(second.value)) return;
      const kw = keywordOf(ins);
      const gap: Range = { start: name.range.end, end: second.range.start };
      const fix: Fix | undefined = doc.rangeText(gap).includes('#') ? undefined : { title: 'Write it as NAME=value', edits: [{ range: gap, newText: '=' }] };
      context.report({
        range: ins.range,
        message:
          `ARG has no \`NAME value\` form: this line declares two ARGs, \`${name.value}\` without a default and one named \`${second.value}\`. ` +
          `For a default, write \`${kw} ${name.value}=${second.value}\`.`,
        ...(fix ? { fix } : {}),
      });
    };

    return {
      instruction(ins) {
        if (ins.keyword === 'ENV' || ins.keyword === 'LABEL') legacyEnvOrLabel(ins);
        else if (ins.keyword === 'ARG') argWithValue(ins);
      },
    };
  },
});
