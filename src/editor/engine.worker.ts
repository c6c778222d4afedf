/// <reference lib="webworker" />
/**
 * Runs the engine off the main thread, so typing never waits for a lint. The page restarts this
 * worker if a run takes longer than its time limit.
 */
import { grade } from '../engine/exercise.ts';
import type { GradeRequest, GradeResponse, ReadyMessage } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<GradeRequest>) => {
  const req = event.data;
  const started = performance.now();
  let response: GradeResponse;
  try {
    const result = grade({ checks: req.checks, context: req.context }, req.input, { config: req.config });
    response = { id: req.id, ok: true, result, ms: performance.now() - started };
  } catch (err) {
    // grade() does not throw by design; this is the last line of defence
    response = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(response);
};

self.postMessage({ ready: true } satisfies ReadyMessage);
