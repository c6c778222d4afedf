/**
 * One edit model for the editor's quick fixes and the CLI's --fix: a fix is a list of text edits
 * in zero-based positions. Applying many fixes skips any whose edits overlap one already taken, so
 * the result is always well-formed; running lint + fix again picks up the rest.
 */
import { LineIndex, compareRanges } from './text.ts';
import type { FileKind, Finding, Fix, TextEdit } from './types.ts';

export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const doc = new LineIndex(text);
  const spans = edits
    .map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const s of spans) out = out.slice(0, s.start) + s.newText + out.slice(s.end);
  return out;
}

/** Applies every fix it can without overlaps; returns the new text and how many fixes were applied. */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const doc = new LineIndex(text);
  const taken: { start: number; end: number }[] = [];
  const edits: TextEdit[] = [];
  let applied = 0;
  const sorted = [...fixes].sort((a, b) => compareRanges(a.edits[0]?.range ?? zero, b.edits[0]?.range ?? zero));
  for (const fix of sorted) {
    const spans = fix.edits.map((e) => ({ start: doc.offsetAt(e.range.start), end: doc.offsetAt(e.range.end) }));
    const overlaps = spans.some((s) => taken.some((t) => s.start < t.end && t.start < s.end || (s.start === s.end && s.start === t.start) || (t.start === t.end && t.start === s.start)));
    if (overlaps) continue;
    taken.push(...spans);
    edits.push(...fix.edits);
    applied++;
  }
  return { text: applyEdits(text, edits), applied };
}

/** The file a fix edits: the Dockerfile unless the fix says otherwise. */
export function fileOfFix(fix: Fix): FileKind {
  return fix.file ?? 'Dockerfile';
}

/**
 * The fixes of one file (the Dockerfile by default), to hand to applyFixes with that file's text.
 * Fixes of other files are left out, so their edits never land in the wrong text.
 */
export function fixesOf(findings: readonly Finding[], file: FileKind = 'Dockerfile'): Fix[] {
  return findings.flatMap((f) => (f.fix && fileOfFix(f.fix) === file ? [f.fix] : []));
}

const zero = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
