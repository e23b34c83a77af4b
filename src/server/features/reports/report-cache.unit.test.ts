import { describe, expect, it } from 'vitest';
import { createReportCache } from './report-cache.js';

function setup(maxEntries?: number) {
  let clock = 0;
  const cached = createReportCache({
    ttlMs: 30_000,
    now: () => clock,
    ...(maxEntries ? { maxEntries } : {}),
  });
  const computed: string[] = [];
  const report = (key: string, value = key) =>
    cached(key, () => {
      computed.push(key);
      return Promise.resolve(value);
    });
  return { cached, computed, report, advance: (ms: number) => (clock += ms) };
}

describe('the report cache', () => {
  it('reuses a result for the same key until it is 30 s old, then computes it again', async () => {
    const { computed, report, advance } = setup();
    expect(await report('volume 1–30 March', 'first')).toBe('first');
    advance(29_999);
    expect(await report('volume 1–30 March', 'second')).toBe('first');
    expect(await report('volume 1–31 March', 'other')).toBe('other');
    advance(1);
    expect(await report('volume 1–30 March', 'third')).toBe('third');
    expect(computed).toEqual(['volume 1–30 March', 'volume 1–31 March', 'volume 1–30 March']);
  });

  it('computes once for requests that ask at the same time', async () => {
    const { cached } = setup();
    let runs = 0;
    let finish: (value: number) => void = () => undefined;
    const slow = () => {
      runs++;
      return new Promise<number>((resolve) => (finish = resolve));
    };
    const answers = Promise.all([cached('agents', slow), cached('agents', slow), cached('agents', slow)]);
    finish(42);
    expect(await answers).toEqual([42, 42, 42]);
    expect(runs).toBe(1);
  });

  it('does not keep a failure: the next request computes again', async () => {
    const { cached } = setup();
    await expect(cached('backlog', () => Promise.reject(new Error('connection lost')))).rejects.toThrow(
      'connection lost',
    );
    expect(await cached('backlog', () => Promise.resolve('recovered'))).toBe('recovered');
  });

  it('forgets the least recently computed entry beyond its size', async () => {
    const { computed, report } = setup(2);
    await report('a');
    await report('b');
    await report('c'); // evicts a
    await report('b');
    await report('a');
    expect(computed).toEqual(['a', 'b', 'c', 'a']);
  });
});
