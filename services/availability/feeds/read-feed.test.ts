import test from 'ava';
import type { FeedPage } from './feed-client.ts';
import { readFeed } from './read-feed.ts';

const events = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ position: from + i }));

test('a feed page is applied in slices, with the event loop yielded before each, so queries of the same process go on', async (t) => {
  const pages: FeedPage[] = [
    { events: events(1, 1000), hasNext: true, head: 1500 },
    { events: events(1001, 500), hasNext: false, head: 1500 },
  ];
  const trace: string[] = [];
  let reading = true;
  // Stands for the queries: a callback the event loop runs whenever the read lets it.
  const tick = () => {
    trace.push('tick');
    if (reading) setImmediate(tick);
  };
  setImmediate(tick);
  const applied: number[] = [];
  const result = await readFeed({
    source: 'catalogue',
    after: 0,
    readPage: async () => pages.shift() ?? { events: [], hasNext: false, head: 1500 },
    applyPage: async (slice) => {
      trace.push('apply');
      applied.push(slice.length);
    },
    sliceSize: 100,
  });
  reading = false;
  t.deepEqual(result, { position: 1500, events: 1500 });
  // At most 100 a slice; fewer when one measured over the loop budget (a loaded machine can stall any slice).
  t.is(
    applied.reduce((n, k) => n + k, 0),
    1500,
  );
  t.true(
    applied.every((k) => k >= 1 && k <= 100),
    applied.join(' '),
  );
  const applies = trace
    .map((step, i) => [step, i] as const)
    .filter(([step]) => step === 'apply')
    .map(([, i]) => i);
  for (let k = 1; k < applies.length; k += 1)
    t.true(trace.slice(applies[k - 1]! + 1, applies[k]).includes('tick'), `the loop ran between slice ${k} and ${k + 1}`);
});

test('a slice that held the event loop past the budget makes the next ones smaller', async (t) => {
  const applied: number[] = [];
  await readFeed({
    source: 'catalogue',
    after: 0,
    readPage: async (_source, after) =>
      after === 0 ? { events: events(1, 300), hasNext: false, head: 300 } : { events: [], hasNext: false, head: 300 },
    applyPage: async (slice) => {
      applied.push(slice.length);
      // Holds the loop 5 ms a slice whatever its size: five times the 1 ms budget.
      const until = performance.now() + 5;
      while (performance.now() < until);
    },
    sliceSize: 100,
  });
  t.is(applied[0], 100);
  t.true(applied[1]! <= 20, applied.join(' '));
  t.is(
    applied.reduce((n, k) => n + k, 0),
    300,
  );
});
