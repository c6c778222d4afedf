/// <reference lib="webworker" />
/**
 * Runs the engine off the main thread, so typing never waits for a lint. The page restarts this
 * worker if a run takes longer than its time limit. When asked, the preview panels' data is computed
 * from the same model (and the build-context analysis the rules already memoized on it).
 */
import { grade } from '../engine/exercise.ts';
import { buildModel, type DockerfileModel } from '../engine/model.ts';
import type { LintInput } from '../engine/types.ts';
import { buildPreview } from './panels/preview-data.ts';
import type { GradeRequest, GradeResponse, ReadyMessage } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<GradeRequest>) => {
  const req = event.data;
  const started = performance.now();
  let response: GradeResponse;
  try {
    let model: DockerfileModel | undefined;
    try {
      model = buildModel(req.input.dockerfile);
    } catch {
      model = undefined; // grade() reports the parse error
    }
    const result = grade({ checks: req.checks, context: req.context }, req.input, { config: req.config, ...(model ? { model } : {}) });
    const ms = performance.now() - started;
    // the same input object grade() linted, so the memoized build-context analysis is reused
    const input: LintInput = req.context && !req.input.context ? { ...req.input, context: req.context } : req.input;
    const preview = req.preview ? buildPreview(model, input, req.preview, result.findings) : undefined;
    response = { id: req.id, ok: true, result, ms, ...(preview ? { preview } : {}) };
  } catch (err) {
    // grade() does not throw by design; this is the last line of defence
    response = { id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  self.postMessage(response);
};

self.postMessage({ ready: true } satisfies ReadyMessage);
