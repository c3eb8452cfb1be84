import test from 'ava';
import type { Validity } from '../compose/parts.ts';
import { createResponseMemo } from './response-memo.ts';
import type { Rendered } from './send-view.ts';

const NOW = 1_000_000;
const rendered = (text: string, validity: Partial<Validity> = {}): Rendered => ({
  chosen: {} as Rendered['chosen'],
  body: Buffer.from(text),
  surrogateKeys: '',
  etag: `"${text}"`,
  validity: {
    freshUntil: NOW + 10_000,
    grantedUntil: NOW + 10_000,
    staleUntil: NOW + 60_000,
    incomplete: false,
    stale: false,
    edge: { until: NOW + 10_000, staleWhileRevalidate: 0, staleIfError: 0 },
    keys: new Set(),
    missing: new Set(),
    ...validity,
  } as Validity,
});

/** A build the test finishes when it wants, counting how often it was started. */
const controlledBuild = () => {
  let finish!: (value: Rendered) => void;
  let fail!: (error: Error) => void;
  const state = { starts: 0 };
  const build = () => {
    state.starts += 1;
    return new Promise<Rendered>((resolve, reject) => {
      finish = resolve;
      fail = reject;
    });
  };
  return { build, state, finish: (value: Rendered) => finish(value), fail: (error: Error) => fail(error) };
};

test('requests that miss while a page is being built share that one build', async (t) => {
  const memo = createResponseMemo();
  const { build, state, finish } = controlledBuild();
  const waiting = Array.from({ length: 50 }, () => memo.through('page', build, () => NOW));
  finish(rendered('one'));
  const answers = await Promise.all(waiting);
  t.is(state.starts, 1);
  t.true(answers.every((answer) => answer.body.toString() === 'one'));
  t.is(
    (
      await memo.through(
        'page',
        () => Promise.reject(new Error('not called')),
        () => NOW,
      )
    ).body.toString(),
    'one',
    'then kept while fresh',
  );
  memo.close();
});

test('a failed build fails its waiters, and the next request builds again', async (t) => {
  const memo = createResponseMemo();
  const first = controlledBuild();
  const waiting = [memo.through('page', first.build, () => NOW), memo.through('page', first.build, () => NOW)];
  first.fail(new Error('upstreams down'));
  for (const result of await Promise.allSettled(waiting)) t.is(result.status, 'rejected');
  t.is(first.state.starts, 1);
  t.is(
    (
      await memo.through(
        'page',
        async () => rendered('two'),
        () => NOW,
      )
    ).body.toString(),
    'two',
  );
  memo.close();
});

test('an incomplete answer is shared with the requests waiting for it but not kept', async (t) => {
  const memo = createResponseMemo();
  const { build, state, finish } = controlledBuild();
  const waiting = [memo.through('page', build, () => NOW), memo.through('page', build, () => NOW)];
  finish(rendered('partial', { incomplete: true }));
  t.deepEqual(
    (await Promise.all(waiting)).map((a) => a.body.toString()),
    ['partial', 'partial'],
  );
  t.is(state.starts, 1);
  t.is(
    (
      await memo.through(
        'page',
        async () => rendered('whole'),
        () => NOW,
      )
    ).body.toString(),
    'whole',
    'the next request builds afresh',
  );
  memo.close();
});

test('different pages are built separately', async (t) => {
  const memo = createResponseMemo();
  const answers = await Promise.all([
    memo.through(
      'a',
      async () => rendered('a'),
      () => NOW,
    ),
    memo.through(
      'b',
      async () => rendered('b'),
      () => NOW,
    ),
  ]);
  t.deepEqual(
    answers.map((a) => a.body.toString()),
    ['a', 'b'],
  );
  memo.close();
});

test('past the reuse bound, the kept answer is served at once while one rebuild runs behind it and then replaces it', async (t) => {
  const memo = createResponseMemo();
  let clock = NOW;
  await memo.through(
    'page',
    async () => rendered('old', { freshUntil: NOW + 1_000, grantedUntil: NOW + 30_000 }),
    () => clock,
  );
  clock = NOW + 1_500;
  const { build, state, finish } = controlledBuild();
  const during = await Promise.all(Array.from({ length: 20 }, () => memo.through('page', build, () => clock)));
  t.true(
    during.every((answer) => answer.body.toString() === 'old'),
    'no request waits for the rebuild',
  );
  t.is(state.starts, 1, 'one rebuild, however many requests came past the bound');
  finish(rendered('new', { freshUntil: clock + 1_000, grantedUntil: clock + 30_000 }));
  t.is(await eventuallyText(memo, () => clock), 'new');
  memo.close();
});

test('a rebuild that fails or comes back incomplete leaves the kept answer, but never past what the upstreams granted', async (t) => {
  const memo = createResponseMemo({ reuseMs: 1_000 });
  let clock = NOW;
  await memo.through(
    'page',
    async () => rendered('old', { freshUntil: NOW + 1_000, grantedUntil: NOW + 5_000 }),
    () => clock,
  );
  clock = NOW + 2_000;
  const failing = controlledBuild();
  t.is((await memo.through('page', failing.build, () => clock)).body.toString(), 'old');
  failing.fail(new Error('upstreams down'));
  await new Promise((resolve) => setImmediate(resolve));
  t.is(
    (
      await memo.through(
        'page',
        () => Promise.reject(new Error('not due')),
        () => clock,
      )
    ).body.toString(),
    'old',
    'still kept after the failed rebuild, and no rebuild again at once',
  );
  clock = NOW + 3_000;
  const partial = controlledBuild();
  t.is((await memo.through('page', partial.build, () => clock)).body.toString(), 'old');
  t.is(partial.state.starts, 1, 'a rebuild again after the reuse bound');
  partial.finish(rendered('partial', { incomplete: true, freshUntil: clock + 1_000, grantedUntil: clock + 5_000 }));
  await new Promise((resolve) => setImmediate(resolve));
  t.is(
    (
      await memo.through(
        'page',
        () => Promise.reject(new Error('not due')),
        () => clock,
      )
    ).body.toString(),
    'old',
    'an incomplete rebuild does not replace it',
  );
  clock = NOW + 5_000;
  t.is(
    (
      await memo.through(
        'page',
        async () => rendered('rebuilt'),
        () => clock,
      )
    ).body.toString(),
    'rebuilt',
    'past the grant, the request waits for a build',
  );
  memo.close();
});

test('an answer built from stale parts is kept for the reuse bound, then served while rebuilt, never past its stale-if-error grant', async (t) => {
  const memo = createResponseMemo({ reuseMs: 1_000 });
  let clock = NOW;
  const stale = { stale: true, freshUntil: NOW - 1, grantedUntil: NOW - 1, staleUntil: NOW + 3_000 };
  await memo.through(
    'page',
    async () => rendered('stale', stale),
    () => clock,
  );
  t.is(
    (
      await memo.through(
        'page',
        () => Promise.reject(new Error('not called')),
        () => clock,
      )
    ).body.toString(),
    'stale',
    'composed once, not per request',
  );
  clock = NOW + 1_500;
  const rebuild = controlledBuild();
  t.is((await memo.through('page', rebuild.build, () => clock)).body.toString(), 'stale', 'served at once past the bound');
  t.is(rebuild.state.starts, 1);
  rebuild.fail(new Error('still down'));
  await new Promise((resolve) => setImmediate(resolve));
  clock = NOW + 3_000;
  t.is(
    (
      await memo.through(
        'page',
        async () => rendered('whole', { freshUntil: clock + 1_000, grantedUntil: clock + 10_000 }),
        () => clock,
      )
    ).body.toString(),
    'whole',
    'past its stale-if-error grant, a request waits for a build',
  );
  memo.close();
});

test('a rebuild from stale parts does not replace a fresh answer still within its grant', async (t) => {
  const memo = createResponseMemo();
  let clock = NOW;
  await memo.through(
    'page',
    async () => rendered('fresh', { freshUntil: NOW + 1_000, grantedUntil: NOW + 10_000 }),
    () => clock,
  );
  clock = NOW + 2_000;
  t.is(
    (
      await memo.through(
        'page',
        async () => rendered('stale', { stale: true, freshUntil: NOW, grantedUntil: NOW, staleUntil: clock + 60_000 }),
        () => clock,
      )
    ).body.toString(),
    'fresh',
  );
  await new Promise((resolve) => setImmediate(resolve));
  t.is(
    (
      await memo.through(
        'page',
        () => Promise.reject(new Error('no rebuild is due yet')),
        () => clock,
      )
    ).body.toString(),
    'fresh',
    'and the next rebuild waits for the reuse bound',
  );
  memo.close();
});

test('a refresh (the edge after a purge) joins no build in flight, which may predate the change; later requests share the refresh', async (t) => {
  const memo = createResponseMemo();
  const before = controlledBuild();
  const old = memo.through('page', before.build, () => NOW);
  const after = controlledBuild();
  const refreshed = memo.through('page', after.build, () => NOW, true);
  const joining = memo.through(
    'page',
    () => Promise.reject(new Error('not called')),
    () => NOW,
  );
  t.is(after.state.starts, 1, 'the refresh built anew');
  after.finish(rendered('new'));
  before.finish(rendered('old'));
  t.is((await old).body.toString(), 'old');
  t.is((await refreshed).body.toString(), 'new');
  t.is((await joining).body.toString(), 'new');
  t.is(
    (
      await memo.through(
        'page',
        () => Promise.reject(new Error('not called')),
        () => NOW,
      )
    ).body.toString(),
    'new',
    'the superseded build is not kept',
  );
  memo.close();
});

/** The text the memo answers once its rebuild has landed (a rebuild lands in a later turn of the loop). */
const eventuallyText = async (memo: ReturnType<typeof createResponseMemo>, now: () => number) => {
  await new Promise((resolve) => setImmediate(resolve));
  return (await memo.through('page', () => Promise.reject(new Error('not called')), now)).body.toString();
};
