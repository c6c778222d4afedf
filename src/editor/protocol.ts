/** Messages between the page and the engine worker. */
import type { Check, GradeResult } from '../engine/exercise.ts';
import type { ContextFile, LintConfig, LintInput } from '../engine/types.ts';

export interface GradeRequest {
  id: number;
  input: LintInput;
  checks: Check[];
  context?: ContextFile[];
  config?: LintConfig;
}

export type GradeResponse =
  | { id: number; ok: true; result: GradeResult; ms: number }
  | { id: number; ok: false; error: string };

/** The worker's first message, once its code has loaded: the per-run time limit starts counting after it. */
export interface ReadyMessage {
  ready: true;
}
