import test from 'ava';
import type { Validity } from '../compose/parts.ts';
import { createResponseMemo } from './response-memo.ts';
import type { Rendered } from './send-view.ts';

const NOW = 1_000_000;
const rendered = (text: string, validity: Partial<Validity> = {}): Rendered =>
  ({ chosen: {} as Rendered['chosen'], text, etag: `"${text}"`, validity: { freshUntil: NOW + 10_000, incomplete: false, stale: false, edge: { until: NOW + 10_000, staleWhileRevalidate: 0, staleIfError: 0 }, keys: new Set(), missing: new Set(), ...validity } as Validity });

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
  t.true(answers.every((answer) => answer.text === 'one'));
  t.is((await memo.through('page', () => Promise.reject(new Error('not called')), () => NOW)).text, 'one', 'then kept while fresh');
  memo.close();
});

test('a failed build fails its waiters, and the next request builds again', async (t) => {
  const memo = createResponseMemo();
  const first = controlledBuild();
  const waiting = [memo.through('page', first.build, () => NOW), memo.through('page', first.build, () => NOW)];
  first.fail(new Error('upstreams down'));
  for (const result of await Promise.allSettled(waiting)) t.is(result.status, 'rejected');
  t.is(first.state.starts, 1);
  t.is((await memo.through('page', async () => rendered('two'), () => NOW)).text, 'two');
  memo.close();
});

test('an incomplete answer is shared with the requests waiting for it but not kept', async (t) => {
  const memo = createResponseMemo();
  const { build, state, finish } = controlledBuild();
  const waiting = [memo.through('page', build, () => NOW), memo.through('page', build, () => NOW)];
  finish(rendered('partial', { incomplete: true }));
  t.deepEqual((await Promise.all(waiting)).map((a) => a.text), ['partial', 'partial']);
  t.is(state.starts, 1);
  t.is((await memo.through('page', async () => rendered('whole'), () => NOW)).text, 'whole', 'the next request builds afresh');
  memo.close();
});

test('different pages are built separately', async (t) => {
  const memo = createResponseMemo();
  const answers = await Promise.all([memo.through('a', async () => rendered('a'), () => NOW), memo.through('b', async () => rendered('b'), () => NOW)]);
  t.deepEqual(answers.map((a) => a.text), ['a', 'b']);
  memo.close();
});

test('a refresh (the edge after a purge) joins no build in flight, which may predate the change; later requests share the refresh', async (t) => {
  const memo = createResponseMemo();
  const before = controlledBuild();
  const old = memo.through('page', before.build, () => NOW);
  const after = controlledBuild();
  const refreshed = memo.through('page', after.build, () => NOW, true);
  const joining = memo.through('page', () => Promise.reject(new Error('not called')), () => NOW);
  t.is(after.state.starts, 1, 'the refresh built anew');
  after.finish(rendered('new'));
  before.finish(rendered('old'));
  t.is((await old).text, 'old');
  t.is((await refreshed).text, 'new');
  t.is((await joining).text, 'new');
  memo.close();
});
