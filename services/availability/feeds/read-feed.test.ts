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
  t.deepEqual(applied, Array.from({ length: 15 }, () => 100));
  const applies = trace.map((step, i) => [step, i] as const).filter(([step]) => step === 'apply').map(([, i]) => i);
  for (let k = 1; k < applies.length; k += 1) t.true(trace.slice(applies[k - 1]! + 1, applies[k]).includes('tick'), `the loop ran between slice ${k} and ${k + 1}`);
});
