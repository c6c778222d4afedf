/**
 * What the lint command hands to the formatters: one entry per linted Dockerfile, with the paths a
 * finding's `file` ('Dockerfile' | '.dockerignore') stands for.
 */
import type { Finding, Range } from '../engine/index.ts';

export interface ReportedFile {
  /** Shown path: relative to the working directory, `/`-separated; `<stdin>` for standard input. */
  path: string;
  /** Absolute path; undefined for standard input. */
  absolutePath?: string;
  /** The .dockerignore that applies (or where it would be, when `exists` is false). */
  dockerignore?: { path: string; absolutePath: string; exists: boolean };
  findings: Finding[];
  /** Fixes --fix applied to this Dockerfile and its .dockerignore. */
  fixesApplied: number;
}

/** The shown path of the file a finding is in. */
export function findingPath(file: ReportedFile, finding: Finding): string {
  if (finding.file === '.dockerignore') return file.dockerignore?.path ?? '.dockerignore';
  return file.path;
}

/** The absolute path of the file a finding is in, when it has one. */
export function findingAbsolutePath(file: ReportedFile, finding: Finding): string | undefined {
  return finding.file === '.dockerignore' ? file.dockerignore?.absolutePath : file.absolutePath;
}

export interface OneBasedRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Engine ranges are zero-based (LSP); reports are one-based, the end column exclusive. */
export function oneBased(range: Range): OneBasedRange {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Findings that fail a CI run: errors and warnings. */
export function isFailing(finding: Finding): boolean {
  return finding.severity === 'error' || finding.severity === 'warning';
}
