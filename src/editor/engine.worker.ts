/// <reference lib="webworker" />
/**
 * Runs the engine off the main thread, so typing never waits for a lint. The page restarts this
 * worker if a run takes longer than its time limit. When asked, the preview panels' data is computed
 * from the same model (and the build-context analysis the rules already memoized on it).
 */
import { grade, type GradeResult } from '../engine/exercise.ts';
import { buildModel, type DockerfileModel } from '../engine/model.ts';
import type { LintInput } from '../engine/types.ts';
import { buildPreview, type PreviewPayload } from './panels/preview-data.ts';
import type { GradeRequest, GradeResponse, ReadyMessage } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const reply = (response: GradeResponse) => self.postMessage(response);
const errorOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

self.onmessage = (event: MessageEvent<GradeRequest>) => {
  const req = event.data;
  const started = performance.now();
  let model: DockerfileModel | undefined;
  let result: GradeResult;
  try {
    try {
      model = buildModel(req.input.dockerfile);
    } catch {
      model = undefined; // grade() reports the parse error
    }
    result = grade({ checks: req.checks, context: req.context }, req.input, { config: req.config, ...(model ? { model } : {}) });
  } catch (err) {
    // grade() does not throw by design; this is the last line of defence
    reply({ id: req.id, ok: false, error: errorOf(err) });
    return;
  }
  // the grade goes out at once: the checklist and the markers do not wait for the panels' data
  reply({ id: req.id, ok: true, result, ms: performance.now() - started, ...(req.preview ? { previewFollows: true } : {}) });
  if (!req.preview) return;
  let preview: PreviewPayload;
  try {
    // the same input object grade() linted, so the memoized build-context analysis is reused
    const input: LintInput = req.context && !req.input.context ? { ...req.input, context: req.context } : req.input;
    preview = buildPreview(model, input, req.preview, result.findings);
  } catch (err) {
    // buildPreview catches its own failures; this is the last line of defence
    preview = { ms: 0, error: errorOf(err) };
  }
  reply({ id: req.id, ok: true, preview });
};

self.postMessage({ ready: true } satisfies ReadyMessage);
