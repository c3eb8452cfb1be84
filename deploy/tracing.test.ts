import anyTest, { type TestFn } from 'ava';
import { createLogger } from '#platform/lifecycle/logger';
import { eventually } from '#platform/testing/eventually';
import { bearer } from '#platform/testing/http';
import { demoCatalogue } from './demo/demo-catalogue.ts';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * One user request followed through the whole embedded platform by its W3C trace id: the
 * gateway's calls to availability and the domain services, and an editor's command through its
 * event to the consumer that handles it, all log the trace id the client sent.
 */
const test = anyTest as TestFn<{ url: string; stop: () => Promise<void>; lines: Record<string, unknown>[] }>;

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const traceparent = (traceId: string) => `00-${traceId}-00f067aa0ba902b7-01`;
const demo = demoCatalogue(new Date(), ['ios']);
const licence = demo.licences.find((l) => Date.parse(l.startDate) <= Date.now() && Date.parse(l.endDate) > Date.now())!;
const episode = demo.episodes.find((e) => e.episodeId === licence.episodeId)!;
const programme = demo.programmes.find((p) => p.programmeId === episode.programmeId)!;

test.before(async (t) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('vod', 'info', { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) });
  const platform = await startTestPlatform({}, { logger });
  t.context = { ...platform, lines };
});
test.after.always(async (t) => t.context.stop());

const send = async (url: string, method: string, body: unknown, trace: string, headers: Record<string, string> = {}) => {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: await bearer('catalogue:write', 'guidance:write', 'licencing:write'),
      'content-type': 'application/json',
      traceparent: traceparent(trace),
      ...headers,
    },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
};

test.serial("a command's event carries its trace id, and the consumer handling it logs that trace id", async (t) => {
  const { url, lines } = t.context;
  const trace = 'aaaabbbbccccddddeeeeffff00001111';
  const { programmeId, ...fields } = programme;
  await send(`${url}/catalogue/programmes/${programmeId}`, 'PUT', fields, trace, { 'if-none-match': '*' });
  const feed = (await (await fetch(`${url}/catalogue/events?after=0`)).json()) as {
    _embedded: { events: { event: { traceparent?: string } }[] };
  };
  const carried = feed._embedded.events[0]?.event.traceparent ?? '';
  t.regex(carried, new RegExp(`^00-${trace}-[0-9a-f]{16}-01$`));
  t.not(carried, traceparent(trace), "the event's parent is the catalogue's span, not the client's");
  const handled = await eventually(
    () => lines.find((l) => l.msg === 'event handled' && l.subject === `/catalogue/programmes/${programmeId}`),
    { description: 'the consumer logged the event' },
  );
  t.is(handled.traceId, trace);
});

test.serial('GET /vod/ios/episodes/:id logs one trace id at the gateway and at every upstream it calls', async (t) => {
  const { url, lines } = t.context;
  const setup = '0000000000000000000000000000beef';
  const { episodeId, ...episodeFields } = episode;
  await send(`${url}/catalogue/episodes/${episodeId}`, 'PUT', episodeFields, setup, { 'if-none-match': '*' });
  await send(`${url}/licencing/licences`, 'POST', licence, setup);
  await eventually(async () => (await fetch(`${url}/availability/episodes/${episodeId}?platform=ios`)).ok, {
    description: 'the episode is available',
  });

  const response = await fetch(`${url}/vod/ios/episodes/${episodeId}`, {
    headers: { accept: 'application/vnd.itv.ctv.production.v1+hal+json', traceparent: traceparent(TRACE_ID) },
  });
  t.is(response.status, 200, await response.clone().text());
  t.is(response.headers.get('x-trace-id'), TRACE_ID);
  await response.arrayBuffer();
  const paths = await eventually(
    () => {
      const traced = lines.filter((l) => l.msg === 'request' && l.traceId === TRACE_ID).map((l) => String(l.path));
      return traced.some((p) => p.startsWith('/catalogue/')) && traced;
    },
    { description: 'the upstream calls logged' },
  );
  t.true(paths.includes(`/vod/ios/episodes/${episodeId}`), 'the gateway logged the trace id');
  t.true(
    paths.some((p) => p.startsWith('/availability/')),
    `availability logged it: ${paths.join(', ')}`,
  );
  t.true(
    paths.some((p) => p.startsWith('/catalogue/')),
    `the catalogue logged it: ${paths.join(', ')}`,
  );
  const spans = new Set(lines.filter((l) => l.msg === 'request' && l.traceId === TRACE_ID).map((l) => l.spanId));
  t.is(spans.size, paths.length, 'each hop is a span of its own');
});

test.serial('a malformed traceparent starts a new trace rather than reaching an event', async (t) => {
  const response = await fetch(`${t.context.url}/catalogue`, { headers: { traceparent: 'ff-not-a-trace' } });
  await response.arrayBuffer();
  t.regex(response.headers.get('x-trace-id') ?? '', /^[0-9a-f]{32}$/);
});
