/**
 * An instruction's arguments, flags and argument text, read straight from the document in one pass.
 *
 * These are ports of dockerfile-ast 0.7.1's `Instruction.getRawArguments`, `ModifiableInstruction
 * .getFlags` and `Instruction.getArgumentsRanges`/`getArgumentsContent`, with the same results
 * (test/unit/arguments.test.ts compares them on every corpus and lesson file and on generated text),
 * but working on offsets. dockerfile-ast recomputes the arguments on every call (getArgumentsRange,
 * getArgumentsContent and getFlags each do it again, building range objects through the document),
 * which made reading them several times slower than parsing the whole file.
 */
import type { LineIndex } from './text.ts';
import type { Range } from './types.ts';

export interface RawArgument {
  value: string;
  /** Document offsets of the argument as written (escapes and continuations included). */
  start: number;
  end: number;
}

export interface RawFlag {
  name: string;
  value: string | null;
  /** The whole flag argument. */
  start: number;
  end: number;
}

/** dockerfile-ast's classes with flags (ModifiableInstruction) and where each stops looking for them. */
type FlagPolicy = 'none' | 'dashes' | 'healthcheck';
const FLAG_POLICY: Record<string, FlagPolicy> = {
  FROM: 'dashes',
  RUN: 'dashes',
  COPY: 'dashes',
  ADD: 'dashes',
  HEALTHCHECK: 'healthcheck',
};

/**
 * Whether an instruction of this keyword has flags at all in dockerfile-ast (CMD, ENTRYPOINT, SHELL and
 * VOLUME are ModifiableInstructions that never report one, like every other instruction).
 */
export function flagPolicy(keyword: string): FlagPolicy {
  return FLAG_POLICY[keyword] ?? 'none';
}

const isNewline = (c: string) => c === '\r' || c === '\n';
const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

/**
 * The raw arguments of the instruction whose keyword ends at `from` and whose text ends at `to`
 * (Instruction.getRawArguments).
 */
export function scanArguments(text: string, from: number, to: number, escapeChar: string): RawArgument[] {
  const args: RawArgument[] = [];
  const at = (i: number): string => (i < to ? text[i] : '');
  let start = false;
  let comment = false;
  let found = -1;
  let escapedWhitespaceDetected = false;
  let escaping = false;
  let escapeMarker = -1;
  // the value being built: `value` plus the pending run text[runStart, runEnd)
  let value = '';
  let runStart = -1;
  let runEnd = -1;
  const append = (i: number) => {
    if (runStart !== -1 && runEnd === i) runEnd = i + 1;
    else {
      if (runStart !== -1) value += text.slice(runStart, runEnd);
      runStart = i;
      runEnd = i + 1;
    }
  };
  const take = (): string => {
    if (runStart !== -1) {
      value += text.slice(runStart, runEnd);
      runStart = -1;
    }
    const v = value;
    value = '';
    return v;
  };
  const appendText = (s: string) => {
    if (runStart !== -1) {
      value += text.slice(runStart, runEnd);
      runStart = -1;
    }
    value += s;
  };
  for (let i = from; i < to; i++) {
    const char = text[i];
    if (isWhitespace(char)) {
      if (escaping) {
        escapedWhitespaceDetected = true;
        if (isNewline(char)) {
          escapedWhitespaceDetected = false;
          if (comment) {
            comment = false;
            start = true;
          }
        }
        continue;
      } else if (found !== -1) {
        args.push({ value: take(), start: found, end: escapeMarker === -1 ? i : escapeMarker });
        escapeMarker = -1;
        found = -1;
      }
    } else if (char === escapeChar) {
      const next = at(i + 1);
      if (next === ' ' || next === '\t') {
        whitespaceCheck: for (let j = i + 2; j < to; j++) {
          switch (text[j]) {
            case ' ':
            case '\t':
              continue;
            case '\r':
              j++;
            // falls through
            case '\n':
              comment = false;
              escaping = true;
              start = true;
              if (found !== -1) escapeMarker = i;
              i = j;
              break whitespaceCheck;
            default:
              escapeMarker = i;
              if (found === -1) i = j - 1;
              break whitespaceCheck;
          }
        }
      } else if (next === '\r') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i += 2;
      } else if (next === '\n') {
        comment = false;
        escaping = true;
        start = true;
        if (found !== -1 && escapeMarker === -1) escapeMarker = i;
        i++;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push({ value: take(), start: found, end: escapeMarker });
          found = -1;
        }
        escapeMarker = -1;
        escapedWhitespaceDetected = false;
        escaping = false;
        if (next === '$') appendText(char + next);
        else if (next === '') break;
        else append(i + 1);
        if (found === -1) found = i;
        i++;
      }
    } else if (!comment) {
      if (start && char === '#') {
        comment = true;
      } else {
        if (escapedWhitespaceDetected && escapeMarker !== -1) {
          args.push({ value: take(), start: found, end: escapeMarker });
          found = -1;
        }
        escapedWhitespaceDetected = false;
        escaping = false;
        escapeMarker = -1;
        append(i);
        if (found === -1) found = i;
      }
      start = false;
    }
  }
  if (found !== -1) args.push({ value: take(), start: found, end: escapeMarker === -1 ? to : escapeMarker });
  return args;
}

/** The flags at the front of the raw arguments (ModifiableInstruction.getFlags). */
export function readFlags(text: string, raw: readonly RawArgument[], policy: FlagPolicy): RawFlag[] {
  const flags: RawFlag[] = [];
  if (policy === 'none') return flags;
  for (const arg of raw) {
    const value = arg.value;
    if (policy === 'healthcheck') {
      const upper = value.toUpperCase();
      if (upper === 'CMD' || upper === 'NONE') break;
    } else if (value.indexOf('--') === -1) break;
    if (value.indexOf('--') !== 0) continue;
    const rawValue = text.slice(arg.start, arg.end);
    const nameIndex = value.indexOf('=');
    const index = rawValue.indexOf('=');
    if (index === -1) flags.push({ name: value.substring(2), value: null, start: arg.start, end: arg.end });
    else if (index === value.length - 1) flags.push({ name: value.substring(2, index), value: '', start: arg.start, end: arg.end });
    else flags.push({ name: value.substring(2, nameIndex), value: value.substring(nameIndex + 1), start: arg.start, end: arg.end });
  }
  return flags;
}

/**
 * The arguments' text with continuations and the comment lines inside them removed
 * (Instruction.getArgumentsContent over the arguments after the flags), or null without arguments.
 */
export function argumentsContent(doc: LineIndex, args: readonly RawArgument[], escapeChar: string): string | null {
  if (args.length === 0) return null;
  const text = doc.text;
  const first = args[0].start;
  const last = args[args.length - 1].end;
  const isLineStart = (o: number) => doc.positionAt(o).character === 0;
  // ranges as [start, end) offsets: dockerfile-ast's ranges, turned back into offsets the way it does
  let content = '';
  const push = (s: number, e: number) => {
    content += text.slice(clampStart(doc, s), clampEnd(doc, e));
  };
  if (doc.positionAt(first).line === doc.positionAt(last).line) return text.slice(first, last);
  let end = -1;
  // -1: no start (dockerfile-ast's null); else the offset its start position maps back to
  let startOffset = first;
  let comment = false;
  const offset = first;
  const length = last - first;
  for (let i = 0; i < length; i++) {
    const char = text[offset + i];
    if (char === escapeChar) {
      const next = i + 1 < length ? text[offset + i + 1] : '';
      if (next === ' ' || next === '\t') {
        whitespaceCheck: for (let j = i + 2; j < length; j++) {
          switch (text[offset + j]) {
            case ' ':
            case '\t':
              continue;
            case '\r':
              j++;
            // falls through
            case '\n':
              if (startOffset !== -1) push(startOffset, offset + end + 1);
              startOffset = -1;
              comment = false;
              i = j;
              break whitespaceCheck;
            default:
              break whitespaceCheck;
          }
        }
      } else if (next === '\r') {
        if (startOffset !== -1) {
          push(startOffset, offset + end + 1);
          startOffset = -1;
        }
        comment = false;
        i += 2;
      } else if (next === '\n') {
        if (startOffset !== -1) push(startOffset, offset + end + 1);
        startOffset = -1;
        comment = false;
        i++;
      } else {
        i++;
      }
    } else if (isNewline(char)) {
      if (comment) {
        startOffset = -1;
        comment = false;
      }
    } else if (!comment) {
      if (startOffset === -1) {
        if (char === '#') {
          comment = true;
          continue;
        }
        // dockerfile-ast starts the range at column 0 of the line (and not at all on a line that
        // starts in column 0)
        if (!isLineStart(offset + i)) startOffset = lineStartOf(doc, offset + i);
      }
      end = i;
    }
  }
  if (startOffset === -1) push(offset + end, offset + end + 1);
  else push(startOffset, offset + end + 1);
  return content;
}

/** Offset of the start of the line holding offset o. */
function lineStartOf(doc: LineIndex, o: number): number {
  return doc.offsetAt({ line: doc.positionAt(o).line, character: 0 });
}

/** An offset turned into a position and back, as dockerfile-ast's ranges are (clamped to the text). */
function clampStart(doc: LineIndex, o: number): number {
  return doc.offsetAt(positionLikeAst(doc, o));
}
const clampEnd = clampStart;

/**
 * The position vscode-languageserver-textdocument gives an offset: like LineIndex.positionAt, but an
 * offset inside a CRLF pair moves before the CR.
 */
export function positionLikeAst(doc: LineIndex, offset: number): { line: number; character: number } {
  const p = doc.positionAt(offset);
  if (p.character > 0) {
    const o = Math.max(0, Math.min(offset, doc.text.length));
    let back = 0;
    while (back < p.character && (doc.text.charCodeAt(o - back - 1) === 13 || doc.text.charCodeAt(o - back - 1) === 10)) back++;
    if (back > 0) return { line: p.line, character: p.character - back };
  }
  return p;
}

/** A range from offsets, with positions as dockerfile-ast computes them. */
export function astRange(doc: LineIndex, start: number, end: number): Range {
  return { start: positionLikeAst(doc, start), end: positionLikeAst(doc, end) };
}
