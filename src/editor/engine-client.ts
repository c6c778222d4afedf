/**
 * The page's side of the engine worker: one request in flight per client, newer requests replace
 * queued ones, and a run that exceeds the time limit gets the worker terminated and restarted.
 */
import type { GradeResult } from '../engine/exercise.ts';
import type { GradeRequest, GradeResponse } from './protocol.ts';
import EngineWorker from './engine.worker.ts?worker';

export const RUN_TIME_LIMIT_MS = 4000;

export type EngineOutcome =
  | { kind: 'result'; result: GradeResult; ms: number }
  | { kind: 'timeout' }
  | { kind: 'error'; message: string };

export class EngineClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private inFlight: { id: number; timer: ReturnType<typeof setTimeout>; resolve: (o: EngineOutcome) => void } | null = null;
  private queued: { req: Omit<GradeRequest, 'id'>; resolve: (o: EngineOutcome) => void } | null = null;
  private readonly timeLimit: number;

  constructor(timeLimit = RUN_TIME_LIMIT_MS) {
    this.timeLimit = timeLimit;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new EngineWorker();
    w.onmessage = (e: MessageEvent<GradeResponse>) => this.onResponse(e.data);
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
  }

  /** Grades the request; a newer call supersedes one still queued (it resolves as superseded: null). */
  run(req: Omit<GradeRequest, 'id'>): Promise<EngineOutcome | null> {
    return new Promise((resolve) => {
      if (this.inFlight) {
        this.queued?.resolve(null as unknown as EngineOutcome);
        this.queued = { req, resolve: resolve as (o: EngineOutcome) => void };
        return;
      }
      this.send(req, resolve as (o: EngineOutcome) => void);
    });
  }

  private send(req: Omit<GradeRequest, 'id'>, resolve: (o: EngineOutcome) => void): void {
    const id = this.nextId++;
    const timer = setTimeout(() => {
      // the worker is stuck: throw it away, so the next edit gets a fresh one
      this.restart();
      this.finish({ kind: 'timeout' });
    }, this.timeLimit);
    this.inFlight = { id, timer, resolve };
    try {
      this.ensureWorker().postMessage({ ...req, id } satisfies GradeRequest);
    } catch (err) {
      this.finish({ kind: 'error', message: err instanceof Error ? err.message : String(err) });
    }
  }

  private onResponse(res: GradeResponse): void {
    if (!this.inFlight || res.id !== this.inFlight.id) return;
    this.finish(res.ok ? { kind: 'result', result: res.result, ms: res.ms } : { kind: 'error', message: res.error });
  }

  private finish(outcome: EngineOutcome): void {
    const current = this.inFlight;
    if (!current) return;
    clearTimeout(current.timer);
    this.inFlight = null;
    current.resolve(outcome);
    const next = this.queued;
    this.queued = null;
    if (next) this.send(next.req, next.resolve);
  }

  dispose(): void {
    this.restart();
  }
}
