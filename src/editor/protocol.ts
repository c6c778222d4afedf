/** Messages between the page and the engine worker. */
import type { Check, GradeResult } from '../engine/exercise.ts';
import type { ContextFile, LintConfig, LintInput } from '../engine/types.ts';
import type { PreviewPayload, PreviewRequest } from './panels/preview-data.ts';

export interface GradeRequest {
  id: number;
  input: LintInput;
  checks: Check[];
  context?: ContextFile[];
  config?: LintConfig;
  /** Also compute what the preview panels show (build context, image), from the same model. */
  preview?: PreviewRequest;
}

/**
 * The grade comes first; when a preview was asked for, it follows in a second message
 * (`previewFollows`), so the checklist and the markers never wait for the panels' data.
 */
export type GradeResponse =
  | { id: number; ok: true; result: GradeResult; ms: number; previewFollows?: boolean }
  | { id: number; ok: true; preview: PreviewPayload | undefined }
  | { id: number; ok: false; error: string };

/** The worker's first message, once its code has loaded: the per-run time limit starts counting after it. */
export interface ReadyMessage {
  ready: true;
}
