/** What the exercise controller needs from an editor: Monaco and the plain textarea both provide it. */
import type { Finding } from '../engine/types.ts';

export interface EditorAdapter {
  readonly kind: 'monaco' | 'plain';
  getValue(file: string): string;
  /** Replaces a file's text as one undoable edit. */
  setValue(file: string, text: string): void;
  showFile(file: string): void;
  setFindings(file: string, findings: Finding[]): void;
  onChange(listener: (file: string) => void): void;
  focus(): void;
  /** Moves the cursor to a (zero-based) position and scrolls it into view. */
  reveal(file: string, line: number, character: number): void;
  dispose(): void;
}

export interface EditorOptions {
  container: HTMLElement;
  files: Record<string, string>;
  label: string;
  /** URL of the lesson that teaches a rule, for links in markers. */
  lessonUrl: (lesson: string) => string;
}
