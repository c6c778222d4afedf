import type { Position, Range } from './types.ts';

/** Line-start index over a document, to turn offsets into positions and back. */
export class LineIndex {
  readonly text: string;
  private readonly starts: number[];
  /** The line of the last positionAt. */
  private hint = 0;

  constructor(text: string) {
    this.text = text;
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const starts = this.starts;
    // most lookups are near the previous one (the words of one instruction, in order): try its line first
    const hint = this.hint;
    if (starts[hint] <= o && (hint + 1 >= starts.length || o < starts[hint + 1])) return { line: hint, character: o - starts[hint] };
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    this.hint = lo;
    return { line: lo, character: o - starts[lo] };
  }

  offsetAt(pos: Position): number {
    if (pos.line < 0) return 0;
    if (pos.line >= this.starts.length) return this.text.length;
    const lineEnd = this.lineEnd(pos.line);
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), lineEnd);
  }

  /** Offset of the end of a line's content, before its line break. */
  lineEnd(line: number): number {
    const next = line + 1 < this.starts.length ? this.starts[line + 1] : this.text.length + 1;
    let end = next - 1;
    if (line + 1 >= this.starts.length) end = this.text.length;
    else {
      // step back over \n and a preceding \r
      if (this.text.charCodeAt(end) === 10) end--;
      if (end >= this.starts[line] && this.text.charCodeAt(end) === 13) end--;
      end++;
    }
    return end;
  }

  lineText(line: number): string {
    if (line < 0 || line >= this.starts.length) return '';
    return this.text.slice(this.starts[line], this.lineEnd(line));
  }

  rangeText(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}

export function compareRanges(a: Range, b: Range): number {
  return comparePositions(a.start, b.start) || comparePositions(a.end, b.end);
}

/**
 * Text with Dockerfile line continuations (escape char + newline) and the comment lines inside them
 * removed, remembering for every character where it came from in the document.
 */
export interface LogicalText {
  text: string;
  /** offsets[i] is the document offset of text[i]; offsets[text.length] is the end offset. */
  offsets: number[];
}

export function joinContinuations(doc: string, start: number, end: number, escapeChar: string): LogicalText {
  // the text is copied in runs between continuations; offsets are filled one per character
  let text = '';
  const offsets: number[] = [];
  let runStart = start;
  const flush = (upTo: number) => {
    if (upTo > runStart) {
      text += doc.slice(runStart, upTo);
      for (let k = runStart; k < upTo; k++) offsets.push(k);
    }
  };
  let i = start;
  while (i < end) {
    const c = doc[i];
    if (c !== escapeChar) {
      i++;
      continue;
    }
    // escape + optional trailing blanks + newline is a continuation
    let j = i + 1;
    while (j < end && (doc[j] === ' ' || doc[j] === '\t')) j++;
    if (j < end && (doc[j] === '\n' || doc[j] === '\r')) {
      flush(i);
      if (doc[j] === '\r' && doc[j + 1] === '\n') j++;
      i = j + 1;
      // skip blank lines and comment lines that follow a continuation
      for (;;) {
        let k = i;
        while (k < end && (doc[k] === ' ' || doc[k] === '\t')) k++;
        if (k < end && doc[k] === '#') {
          while (k < end && doc[k] !== '\n' && doc[k] !== '\r') k++;
          if (doc[k] === '\r' && doc[k + 1] === '\n') k++;
          i = k + 1;
          continue;
        }
        if (k < end && (doc[k] === '\n' || doc[k] === '\r') && k > i - 1) {
          // an empty line inside a continuation is skipped by Docker (with a warning)
          if (doc[k] === '\r' && doc[k + 1] === '\n') k++;
          i = k + 1;
          continue;
        }
        break;
      }
      runStart = i;
      continue;
    }
    if (j >= end) {
      // a trailing escape at the end of the instruction
      flush(i);
      i = end;
      runStart = end;
      continue;
    }
    // an escaped character: kept, with the escape
    i += 2;
  }
  flush(Math.min(i, end));
  offsets.push(Math.min(i, end));
  return { text, offsets };
}
