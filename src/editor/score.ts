/** A 0-100 score for the playground: errors cost 10 points, warnings 4, advice 1. */
import type { Finding } from '../engine/types.ts';

export const SCORE_WEIGHTS = { error: 10, warning: 4, info: 1 } as const;

export function scoreOf(findings: readonly Finding[]): number {
  const cost = findings.reduce((n, f) => n + SCORE_WEIGHTS[f.severity], 0);
  return Math.max(0, 100 - cost);
}
