/**
 * The page's side of the engine worker: one request in flight per client, newer requests replace
 * queued ones, and a run that exceeds the time limit gets the worker terminated and restarted.
 */
import type { GradeResult } from '../engine/exercise.ts';
import type { PreviewPayload } from './panels/preview-data.ts';
import type { GradeRequest, GradeResponse, ReadyMessage } from './protocol.ts';
import EngineWorker from './engine.worker.ts?worker';

/** How long one grading run may take once the worker is up. */
export const RUN_TIME_LIMIT_MS = 4000;
/** How long the worker may take to download and start (a slow network or a busy machine). */
export const START_TIME_LIMIT_MS = 30000;

/**
 * The run time limit in force: RUN_TIME_LIMIT_MS, or a lower one asked for with the URL parameter
 * `?checker-time-limit=MS`, so the end-to-end tests can make a real run exceed the limit and prove
 * the restart. It can only lower the limit (to 50 ms at least): a page cannot be made to wait longer.
 */
export function runTimeLimit(search = typeof location === 'undefined' ? '' : location.search): number {
  const asked = Number(new URLSearchParams(search).get('checker-time-limit'));
  return Number.isFinite(asked) && asked > 0 ? Math.max(50, Math.min(asked, RUN_TIME_LIMIT_MS)) : RUN_TIME_LIMIT_MS;
}

export type EngineOutcome =
  | { kind: 'result'; result: GradeResult; ms: number; preview?: PreviewPayload }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

/** Called with the grade as soon as it arrives, before the preview that follows it (when one was asked for). */
type OnGrade = (outcome: Extract<EngineOutcome, { kind: 'result' }>) => void;

interface Flight {
  id: number;
  timer: ReturnType<typeof setTimeout>;
  resolve: (o: EngineOutcome) => void;
  onGrade?: OnGrade;
  /** The grade, when it came ahead of its preview. */
  graded?: Extract<EngineOutcome, { kind: 'result' }>;
}

export class EngineClient {
  private worker: Worker | null = null;
  private ready = false;
  private nextId = 1;
  private inFlight: Flight | null = null;
  private queued: { req: Omit<GradeRequest, 'id'>; resolve: (o: EngineOutcome) => void; onGrade?: OnGrade } | null = null;
  private readonly timeLimit: number;

  constructor(timeLimit = runTimeLimit()) {
    this.timeLimit = timeLimit;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new EngineWorker();
    this.ready = false;
    w.onmessage = (e: MessageEvent<GradeResponse | ReadyMessage>) => {
      if ('ready' in e.data) {
        this.ready = true;
        // the run waiting for the worker to start now gets its own time limit
        if (this.inFlight) this.armTimer(this.inFlight, this.timeLimit);
        return;
      }
      this.onResponse(e.data);
    };
    w.onerror = (e) => {
      e.preventDefault();
      this.finish({ kind: 'error', message: e.message || 'The checker stopped unexpectedly.' });
      this.restart();
    };
    this.worker = w;
    return w;
  }

  private restart(): void {
    this.worker?.terminate();
    this.worker = null;
    this.ready = false;
  }

  private armTimer(flight: Flight, ms: number): void {
    clearTimeout(flight.timer);
    flight.timer = setTimeout(() => {
      // the worker is stuck (or never started): throw it away, so the next edit gets a fresh one
      this.restart();
      this.finish({ kind: 'timeout' });
    }, ms);
  }

  /** Grades the request; a newer call supersedes one still queued (it resolves as superseded: null). */
  run(req: Omit<GradeRequest, 'id'>, options: { onGrade?: OnGrade } = {}): Promise<EngineOutcome | null> {
    return new Promise((resolve) => {
      if (this.inFlight) {
        this.queued?.resolve(null as unknown as EngineOutcome);
        this.queued = { req, resolve: resolve as (o: EngineOutcome) => void, onGrade: options.onGrade };
        return;
      }
      this.send(req, resolve as (o: EngineOutcome) => void, options.onGrade);
    });
  }

  private send(req: Omit<GradeRequest, 'id'>, resolve: (o: EngineOutcome) => void, onGrade?: OnGrade): void {
    const id = this.nextId++;
    const worker = this.ensureWorker();
    const flight: Flight = { id, timer: setTimeout(() => {}, 0), resolve, onGrade };
    this.inFlight = flight;
    this.armTimer(flight, this.ready ? this.timeLimit : START_TIME_LIMIT_MS);
    try {
      worker.postMessage({ ...req, id } satisfies GradeRequest);
    } catch (err) {
      this.finish({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private onResponse(res: GradeResponse): void {
    const flight = this.inFlight;
    if (!flight || res.id !== flight.id) return;
    if (!res.ok) {
      this.finish({ kind: 'error', message: res.error });
    } else if ('result' in res) {
      const outcome: Extract<EngineOutcome, { kind: 'result' }> = { kind: 'result', result: res.result, ms: res.ms };
      if (!res.previewFollows) {
        this.finish(outcome);
        return;
      }
      // the grade is shown at once; the run (and its time limit) ends when the preview arrives
      flight.graded = outcome;
      flight.onGrade?.(outcome);
    } else if (flight.graded) {
      this.finish({ ...flight.graded, ...(res.preview ? { preview: res.preview } : {}) });
    }
  }

  private finish(outcome: EngineOutcome): void {
    const current = this.inFlight;
    if (!current) return;
    clearTimeout(current.timer);
    this.inFlight = null;
    current.resolve(outcome);
    const next = this.queued;
    this.queued = null;
    if (next) this.send(next.req, next.resolve, next.onGrade);
  }

  dispose(): void {
    this.restart();
  }
}
