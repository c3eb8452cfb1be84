import test from 'ava';
import { eventually } from '#platform/testing/eventually';
import { serveGatewayOverFakes, V1, V2, type ServedGateway } from '../testing/serve-gateway.ts';

// The deadline is proven by what comes back (an incomplete page, a stale part, a 503), not by a
// wall-clock bound that a busy machine breaks; the timings belong to `npm run bench`.
const DEADLINE_MS = 600;
const options = { count: 30, upstreamTimeoutMs: 150, deadlineMs: DEADLINE_MS, breaker: { failureThreshold: 5, openMs: 300 } };
type Item = Record<string, unknown>;
type Page = { incomplete: boolean; stale?: boolean; _embedded: { productions: Item[] } };

const ask = async (served: ServedGateway, path: string, accept = V1) => {
  const response = await fetch(`${served.url}${path}`, { headers: { accept } });
  const body = (await response.json()) as Page & { status?: number; detail?: string };
  return { response, body };
};

const withGateway = (
  title: string,
  extra: { maxAgeSeconds?: number },
  run: (t: import('ava').ExecutionContext, served: ServedGateway) => Promise<void>,
) =>
  test.serial(title, async (t) => {
    const served = await serveGatewayOverFakes({ ...options, ...extra });
    try {
      await run(t, served);
    } finally {
      await served.close();
    }
  });

withGateway(
  'GET /vod/ios/episodes with guidance stopped answers in time, incomplete, items saying guidance is unknown, never cached',
  {},
  async (t, served) => {
    await served.fakes.guidance.stop();
    for (let i = 0; i < 3; i += 1) {
      const { response, body } = await ask(served, '/vod/ios/episodes');
      t.is(response.status, 200);
      t.true(body.incomplete);
      t.is(response.headers.get('cache-control'), 'no-store');
      t.true(
        body._embedded.productions.every(
          (i) => (i.unknown as string[]).includes('guidance') && typeof i.restricted === 'boolean' && i.guidanceMessage === null,
        ),
      );
    }
    t.is(served.gateway.upstreams.clients.guidance.breaker.state(), 'open');
  },
);

withGateway('GET /vod/ios/episodes with catalogue slower than its timeout answers within the deadline', {}, async (t, served) => {
  served.fakes.catalogue.state.mode = 'slow';
  const { response, body } = await ask(served, '/vod/ios/episodes', V2);
  t.is(response.status, 200);
  t.true(body.incomplete);
  t.like(body._embedded.productions[0], { programme: { status: 'unknown' }, unknown: ['catalogue'] });
});

withGateway(
  "GET /vod/ios/episodes with licencing stopped answers complete: the window is availability's, not re-derived",
  {},
  async (t, served) => {
    await served.fakes.licencing.stop();
    // A busy machine may time out a catalogue or guidance part; with licencing stopped, a whole page still comes.
    const { body } = await eventually(
      async () => {
        const answer = await ask(served, '/vod/ios/episodes');
        return answer.response.status === 200 && !answer.body.incomplete && answer;
      },
      { timeoutMs: 10_000, description: 'a complete page with licencing stopped' },
    );
    t.is(served.fakes.licencing.state.requests, 0);
    const item = body._embedded.productions[0]!;
    const fake = served.fakes.episodes.find((e) => e.episodeId === item.episodeId)!;
    t.like(item, { startDate: fake.window.startDate, endDate: fake.window.endDate, available: true });
  },
);

withGateway(
  'GET /vod/ios/episodes serves stale cached guidance when guidance errors, complete but not cacheable',
  { maxAgeSeconds: 0 },
  async (t, served) => {
    const warm = await eventually(
      async () => {
        const answer = await ask(served, '/vod/ios/episodes');
        return !answer.body.incomplete && answer;
      },
      { timeoutMs: 10_000, description: 'a complete page to warm the cache' },
    );
    served.fakes.guidance.state.mode = 'error';
    const { response, body } = await ask(served, '/vod/ios/episodes');
    t.false(body.incomplete);
    t.true(body.stale);
    t.is(response.headers.get('cache-control'), 'no-cache');
    t.deepEqual(
      body._embedded.productions.map((i) => i.guidanceMessage),
      warm.body._embedded.productions.map((i) => i.guidanceMessage),
    );
  },
);

withGateway(
  'GET /vod/ios/episodes with availability stopped is a fast 503 problem+json with Retry-After, and recovers',
  {},
  async (t, served) => {
    await served.fakes.availability.stop();
    for (let i = 0; i < 6; i += 1) {
      const { response, body } = await ask(served, '/vod/ios/episodes');
      t.is(response.status, 503);
      t.is(response.headers.get('content-type'), 'application/problem+json');
      t.truthy(response.headers.get('retry-after'));
      t.regex(body.detail ?? '', /Availability cannot answer/);
    }
    t.is(
      served.gateway.upstreams.clients.availability.breaker.state(),
      'open',
      'repeated failures open the circuit, so later asks fail fast',
    );
    t.is((await ask(served, '/vod/ios/episodes')).response.status, 503);
    await served.fakes.availability.restart();
    await eventually(async () => (await ask(served, '/vod/ios/episodes')).response.status === 200, {
      timeoutMs: 5_000,
      description: 'availability circuit closed again',
    });
    t.pass();
  },
);

withGateway('GET /vod/ios/episodes/:id with availability slower than its timeout is a 503 within the deadline', {}, async (t, served) => {
  served.fakes.availability.state.mode = 'slow';
  const { response } = await ask(served, '/vod/ios/episodes/100001');
  t.is(response.status, 503);
});
