/**
 * The page's side of the engine worker: the grade is handed over as soon as it arrives and the
 * preview that follows ends the run; a newer run supersedes a queued one; a stuck worker times out.
 * The worker is a fake that answers the way src/editor/engine.worker.ts does.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { GradeRequest, GradeResponse } from '../../../src/editor/protocol.ts';

type Reply = (req: GradeRequest, post: (m: GradeResponse | { ready: true }) => void) => void;
let reply: Reply = () => {};
const workers: FakeWorker[] = [];

class FakeWorker {
  onmessage: ((e: MessageEvent) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  terminated = false;
  constructor() {
    workers.push(this);
    queueMicrotask(() => this.post({ ready: true }));
  }
  post(data: unknown) {
    if (!this.terminated) this.onmessage?.({ data } as MessageEvent);
  }
  postMessage(req: GradeRequest) {
    queueMicrotask(() => reply(req, (m) => this.post(m)));
  }
  terminate() {
    this.terminated = true;
  }
}

vi.mock('../../../src/editor/engine.worker.ts?worker', () => ({ default: FakeWorker }));
const { EngineClient } = await import('../../../src/editor/engine-client.ts');

const result = { checks: [], passed: 0, total: 0, complete: false, others: [], findings: [] };
const request = (preview = false) => ({ input: { dockerfile: 'FROM scratch' }, checks: [], ...(preview ? { preview: { image: {} } } : {}) });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  workers.length = 0;
});
afterEach(() => vi.useRealTimers());

describe('EngineClient', () => {
  it('without a preview: one message, the run resolves with the grade', async () => {
    reply = (req, post) => post({ id: req.id, ok: true, result, ms: 1 });
    const onGrade = vi.fn();
    const outcome = await new EngineClient(1000).run(request(), { onGrade });
    expect(outcome).toEqual({ kind: 'result', result, ms: 1 });
    expect(onGrade).not.toHaveBeenCalled();
  });

  it('with a preview: the grade is handed over first, the run ends with the preview', async () => {
    const events: string[] = [];
    let sendPreview = () => {};
    reply = (req, post) => {
      post({ id: req.id, ok: true, result, ms: 2, previewFollows: true });
      sendPreview = () => post({ id: req.id, ok: true, preview: { ms: 0, image: null } });
    };
    const client = new EngineClient(1000);
    const running = client.run(request(true), { onGrade: (o) => events.push(`grade ${o.ms}`) }).then((o) => {
      events.push(`done ${o?.kind}`);
      return o;
    });
    await vi.waitFor(() => expect(events).toEqual(['grade 2']));
    sendPreview();
    const outcome = await running;
    expect(events).toEqual(['grade 2', 'done result']);
    expect(outcome).toEqual({ kind: 'result', result, ms: 2, preview: { ms: 0, image: null } });
  });

  it('a preview that never comes still ends in a timeout, and the worker is replaced', async () => {
    reply = (req, post) => post({ id: req.id, ok: true, result, ms: 1, previewFollows: true });
    const client = new EngineClient(500);
    const onGrade = vi.fn();
    const running = client.run(request(true), { onGrade });
    await vi.waitFor(() => expect(onGrade).toHaveBeenCalledTimes(1));
    vi.advanceTimersByTime(600);
    expect(await running).toEqual({ kind: 'timeout' });
    expect(workers[0].terminated).toBe(true);
  });

  it('a run asked for while one is in flight waits; a newer one supersedes it (null)', async () => {
    const pending: (() => void)[] = [];
    reply = (req, post) => pending.push(() => post({ id: req.id, ok: true, result, ms: req.id }));
    const client = new EngineClient(1000);
    const first = client.run(request());
    const second = client.run(request());
    const third = client.run(request());
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending.shift()!();
    expect(await first).toMatchObject({ kind: 'result', ms: 1 });
    expect(await second).toBeNull();
    await vi.waitFor(() => expect(pending).toHaveLength(1));
    pending.shift()!();
    expect(await third).toMatchObject({ kind: 'result', ms: 2 });
  });

  it('an error answer ends the run with its message', async () => {
    reply = (req, post) => post({ id: req.id, ok: false, error: 'boom' });
    expect(await new EngineClient(1000).run(request())).toEqual({ kind: 'error', message: 'boom' });
  });
});
