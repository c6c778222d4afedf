/// <reference lib="webworker" />
/**
 * Runs the engine off the main thread, so typing never waits for a lint. The page restarts this
 * worker if a run takes longer than its time limit. When asked, the preview panels' data is computed
 * from the same model (and the build-context analysis the rules already memoized on it).
 */
import { grade, type GradeResult } from '../engine/exercise.ts';
import { errorText } from '../engine/lint.ts';
import { buildModel, InstructionReuse, type DockerfileModel } from '../engine/model.ts';
import type { LintInput } from '../engine/types.ts';
import { buildPreview, type PreviewPayload } from './panels/preview-data.ts';
import type { GradeRequest, GradeResponse, ReadyMessage } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const reply = (response: GradeResponse) => self.postMessage(response);
const reuse = new InstructionReuse();

self.onmessage = (event: MessageEvent<GradeRequest>) => {
  const req = event.data;
  const started = performance.now();
  let model: DockerfileModel | undefined;
  let result: GradeResult;
  try {
    try {
      // an edit changes a line or two: the instructions it did not touch are not read again
      model = buildModel(req.input.dockerfile, reuse);
    } catch {
      model = undefined; // grade() reports the parse error
    }
    result = grade({ checks: req.checks, context: req.context }, req.input, { config: req.config, ...(model ? { model } : {}) });
  } catch (err) {
    // grade() does not throw by design; this is the last line of defence
    reply({ id: req.id, ok: false, error: errorText(err) });
    return;
  }
  // the grade goes out at once: the checklist and the markers do not wait for the panels' data
  reply({ id: req.id, ok: true, result, ms: performance.now() - started, ...(req.preview ? { previewFollows: true } : {}) });
  warmUp(req);
  if (!req.preview) return;
  let preview: PreviewPayload;
  try {
    // the same input object grade() linted, so the memoized build-context analysis is reused
    const input: LintInput = req.context && !req.input.context ? { ...req.input, context: req.context } : req.input;
    preview = buildPreview(model, input, req.preview, result.findings);
  } catch (err) {
    // buildPreview catches its own failures; this is the last line of defence
    preview = { ms: 0, error: errorText(err) };
  }
  reply({ id: req.id, ok: true, preview });
};

/**
 * The engine's first few hundred runs go through JavaScript that the browser has not optimised yet:
 * measured in Chromium, a 300-line Dockerfile graded in ~15 ms on the first edits and ~5 ms once
 * warm. So while the learner reads (once per worker, after the first grade), the worker grades that
 * first input again in short slices, between which a real request is answered at once. The input is
 * the exercise's own starter, a few dozen lines: a slice never holds a real request up for long.
 */
const WARM_UP = { runs: 150, sliceMs: 4, maxInputChars: 20_000 };
let warmedUp = false;
function warmUp(req: GradeRequest): void {
  if (warmedUp) return;
  warmedUp = true;
  if (req.input.dockerfile.length > WARM_UP.maxInputChars) return;
  let done = 0;
  const slice = () => {
    const until = performance.now() + WARM_UP.sliceMs;
    try {
      while (done < WARM_UP.runs && performance.now() < until) {
        grade({ checks: req.checks, context: req.context }, req.input, { config: req.config });
        done++;
      }
    } catch {
      return; // grade() does not throw; if it ever does, the real requests will say so
    }
    if (done < WARM_UP.runs) setTimeout(slice, 0);
  };
  setTimeout(slice, 0);
}

self.postMessage({ ready: true } satisfies ReadyMessage);
