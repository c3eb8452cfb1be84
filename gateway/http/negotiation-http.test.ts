import anyTest, { type TestFn } from 'ava';
import { supportedMediaTypes } from '../negotiation/media-types.ts';
import { serveGatewayOverFakes, V1_PARAM, V2, type ServedGateway } from '../testing/serve-gateway.ts';

const test = anyTest as TestFn<ServedGateway>;
test.before(async (t) => {
  t.context = await serveGatewayOverFakes({ count: 30, upstreamTimeoutMs: 2_000, deadlineMs: 5_000 });
});
test.after.always((t) => t.context.close());

for (const accept of [null, '*/*', 'application/json', 'application/hal+json']) {
  test(`GET /vod/ios/episodes with ${accept ?? 'no Accept'} returns 406 problem+json listing the media types, without asking availability`, async (t) => {
    const before = t.context.fakes.availability.state.requests;
    const response = await fetch(`${t.context.url}/vod/ios/episodes`, { headers: accept === null ? {} : { accept } });
    t.is(response.status, 406);
    t.is(response.headers.get('content-type'), 'application/problem+json');
    t.regex(response.headers.get('vary') ?? '', /Accept/, 'a cache must not serve the 406 to a client that asks for a version');
    const problem = (await response.json()) as { detail: string; supported: string[] };
    t.regex(problem.detail, /No version\? No JSON!/);
    t.deepEqual(problem.supported, supportedMediaTypes());
    t.is(t.context.fakes.availability.state.requests, before);
  });
}

test('GET /vod/web/episodes/:id with the parameter spelling answers that exact Content-Type with Deprecation and Sunset', async (t) => {
  const id = t.context.fakes.episodes[1]!.episodeId;
  const response = await fetch(`${t.context.url}/vod/web/episodes/${id}`, { headers: { accept: `${V2};q=0.4, ${V1_PARAM};q=0.8` } });
  t.is(response.status, 200);
  t.is(response.headers.get('content-type'), V1_PARAM);
  t.regex(response.headers.get('vary') ?? '', /Accept/);
  t.truthy(response.headers.get('deprecation'));
  t.truthy(response.headers.get('sunset'));
  const link = /^<([^>]+)>; rel="deprecation"$/.exec(response.headers.get('link') ?? '');
  t.truthy(link);
  const versions = await fetch(`${t.context.url}${link![1]}`, { headers: { accept: 'application/hal+json' } });
  t.is(versions.status, 200, 'the deprecation link resolves');
  t.like(await versions.json(), { versions: [{ version: 1, sunset: '2026-12-31T00:00:00.000Z' }, { version: 2 }] });
});

test('OPTIONS /vod/ios/episodes lets a browser app send traceparent', async (t) => {
  const served = await serveGatewayOverFakes({ count: 1, corsOrigins: ['https://tv.example.com'] });
  try {
    const response = await fetch(`${served.url}/vod/ios/episodes`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://tv.example.com',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'traceparent, accept',
      },
    });
    t.is(response.status, 204);
    t.regex(response.headers.get('access-control-allow-headers') ?? '', /traceparent/);
  } finally {
    await served.close();
  }
});

test('GET /vod/ios/episodes with text/html returns an escaped HTML page with clickable links', async (t) => {
  const response = await fetch(`${t.context.url}/vod/ios/episodes`, { headers: { accept: 'text/html' } });
  t.is(response.status, 200);
  t.is(response.headers.get('content-type'), 'text/html; charset=utf-8');
  t.regex(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  const html = await response.text();
  t.regex(html, /<a rel="next" href="\/vod\/ios\/episodes\?page=2">/);
  t.regex(html, /<a rel="catalogue" href="\/catalogue\/episodes\/\d+">/);
  t.notRegex(html, /<script/);
});
