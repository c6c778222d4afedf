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

export type GradeResponse =
  | { id: number; ok: true; result: GradeResult; ms: number; preview?: PreviewPayload }
  | { id: number; ok: false; error: string };

/** The worker's first message, once its code has loaded: the per-run time limit starts counting after it. */
export interface ReadyMessage {
  ready: true;
}
