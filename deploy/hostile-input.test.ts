import anyTest, { type TestFn } from 'ava';
import fc from 'fast-check';
import { bearer } from '#platform/testing/http';
import { startTestPlatform } from './testing/start-test-platform.ts';

/**
 * Bad input at every route of the whole platform: random ids, query strings (operators,
 * repeats, unknown names), headers and bodies. Every answer is quick, never a 5xx, every
 * error is problem+json, and no write with a defect changes any service's event log.
 */
const test = anyTest as TestFn<{ url: string; stop: () => Promise<void> }>;

interface Route {
  readonly method: 'GET' | 'PUT' | 'POST';
  readonly path: string;
  readonly role?: string;
  readonly body?: Record<string, unknown>;
  /** A command without a body: only its token can be wrong. */
  readonly bodyless?: boolean;
}

const episode = {
  programmeId: 1001,
  title: 'Episode',
  synopsis: 'A synopsis.',
  seriesNumber: 1,
  orderInSeries: 1,
  orderInProgramme: 1,
  durationSeconds: 2700,
};
const window = { startDate: '2026-01-01T00:00:00Z', endDate: '2026-02-01T00:00:00Z' };
const routes: Route[] = [
  ...[
    '/catalogue',
    '/catalogue/programmes',
    '/catalogue/programmes/:id',
    '/catalogue/programmes/:id/episodes',
    '/catalogue/episodes',
    '/catalogue/episodes/:id',
    '/catalogue/events',
  ].map((path) => ({ method: 'GET' as const, path })),
  {
    method: 'PUT',
    path: '/catalogue/programmes/:id',
    role: 'catalogue:write',
    body: { title: 'Vera', channel: 'ITV', synopsis: 'Crime.' },
  },
  { method: 'PUT', path: '/catalogue/episodes/:id', role: 'catalogue:write', body: episode },
  { method: 'POST', path: '/catalogue/episodes/:id/withdrawal', role: 'catalogue:write', body: {} },
  ...['/guidance', '/guidance/episodes', '/guidance/episodes/:id', '/guidance/events'].map((path) => ({ method: 'GET' as const, path })),
  {
    method: 'PUT',
    path: '/guidance/episodes/:id',
    role: 'guidance:write',
    body: { restricted: true, message: 'Contains Strong Language' },
  },
  ...['/licencing', '/licencing/licences', '/licencing/licences/:id', '/licencing/events'].map((path) => ({
    method: 'GET' as const,
    path,
  })),
  { method: 'POST', path: '/licencing/licences', role: 'licencing:write', body: { episodeId: 123456, platform: 'ios', ...window } },
  { method: 'POST', path: '/licencing/licences/:id/revocation', role: 'licencing:write', body: {} },
  { method: 'PUT', path: '/licencing/licences/:id/window', role: 'licencing:write', body: window },
  ...['/availability', '/availability/episodes', '/availability/episodes/:id', '/availability/status'].map((path) => ({
    method: 'GET' as const,
    path,
  })),
  { method: 'POST', path: '/availability/rebuild', role: 'availability:operate', body: {}, bodyless: true },
  ...['/vod/ios/episodes', '/vod/samsung/episodes/:id', '/vod/:id/episodes'].map((path) => ({ method: 'GET' as const, path })),
];

const defects = [
  'no-token',
  'forged-token',
  'wrong-role',
  'malformed-json',
  'unknown-field',
  'wrong-type',
  'odd-id',
  'huge-body',
  'form-body',
] as const;
type Defect = (typeof defects)[number];

const oddIds = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    'abc',
    '1.5',
    '1e5',
    '99999999999',
    '%24ne',
    '..%2F..',
    '%00',
    '%E2%80%AE',
    '%EF%BC%91',
    'null',
    'undefined',
    '%7B%7D',
  ),
  fc
    .string({ maxLength: 40 })
    .filter((s) => !/^[1-9]\d{0,9}$/.test(s) && s.length > 0)
    .map(encodeURIComponent),
);
const plainIds = fc.oneof(
  fc.constantFrom('123456', '1001', '00000000-0000-4000-8000-000000000000'),
  fc.integer({ min: 1, max: 2_000_000 }).map(String),
);
const queryKeys = fc.constantFrom(
  'page',
  'size',
  'episode',
  'platform',
  'q',
  'channel',
  'after',
  'limit',
  'at',
  'grouping',
  'programme',
  'episode[$ne]',
  'platform[$regex]',
  'page[]',
  '__proto__',
  'constructor',
);
const queryValues = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('-1', '0', '1e9', '.*', '^(a+)+$', '[', '$where', 'ios', 'ITV', 'x'.repeat(10_000)),
);
const query = fc.array(fc.tuple(queryKeys, queryValues), { maxLength: 4 });

const request = fc.record({
  route: fc.constantFrom(...routes),
  defect: fc.constantFrom(...defects),
  oddId: oddIds,
  plainId: plainIds,
  query,
  junk: fc.jsonValue({ maxDepth: 3 }),
});

type BadRequest = typeof request extends fc.Arbitrary<infer T> ? T : never;

const sendBad = async (url: string, bad: BadRequest, tokens: Record<string, string>): Promise<Response> => {
  const tokenDefect = ['no-token', 'forged-token', 'wrong-role'].includes(bad.defect);
  const r =
    bad.route.bodyless && !tokenDefect
      ? { ...bad, defect: 'no-token' as Defect }
      : bad.defect === 'odd-id' && !bad.route.path.includes(':id')
        ? { ...bad, defect: 'unknown-field' as Defect }
        : bad;
  const id =
    r.defect === 'odd-id' || r.route.method === 'GET'
      ? r.route.method === 'GET' && r.defect !== 'odd-id'
        ? r.plainId
        : r.oddId
      : r.plainId;
  const path =
    r.route.path.replace(':id', id) +
    (r.query.length
      ? `?${r.query.map(([k, v]: [string, string]) => `${encodeURIComponent(k).replace('%5B', '[').replace('%5D', ']')}=${encodeURIComponent(v)}`).join('&')}`
      : '');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'if-match': '"1"' };
  if (r.route.role) {
    headers.authorization =
      { 'no-token': '', 'forged-token': tokens.forged!, 'wrong-role': tokens.wrong! }[r.defect as string] ?? tokens[r.route.role]!;
    if (!headers.authorization) delete headers.authorization;
  }
  let body: string | undefined = r.route.method === 'GET' ? undefined : JSON.stringify(r.route.body);
  if (r.route.method !== 'GET') {
    if (r.defect === 'malformed-json') body = body!.slice(0, -1);
    if (r.defect === 'unknown-field') body = JSON.stringify({ ...r.route.body, $set: r.junk });
    if (r.defect === 'wrong-type')
      body = JSON.stringify(Array.isArray(r.junk) || typeof r.junk !== 'object' || r.junk === null ? r.junk : [r.junk]);
    if (r.defect === 'huge-body') body = JSON.stringify({ ...r.route.body, padding: 'x'.repeat(300_000) });
    if (r.defect === 'form-body') headers['content-type'] = 'application/x-www-form-urlencoded';
  }
  return fetch(`${url}${path}`, {
    method: r.route.method,
    headers,
    ...(body === undefined ? {} : { body }),
    signal: AbortSignal.timeout(5_000),
  });
};

const logHeads = async (url: string) =>
  Promise.all(
    ['catalogue', 'guidance', 'licencing'].map(
      async (s) => ((await (await fetch(`${url}/${s}/events?after=0&limit=1`)).json()) as { head?: number }).head ?? -1,
    ),
  );

test.before(async (t) => {
  t.context = await startTestPlatform({ GATEWAY_RATE_LIMIT: '0' });
});
test.after.always((t) => t.context.stop());

test('every route answers bad input with a quick 4xx problem and changes nothing', async (t) => {
  const tokens: Record<string, string> = {
    forged: (await bearer('guidance:write')).slice(0, -3) + 'abc',
    wrong: await bearer('nobody:write'),
  };
  for (const role of ['catalogue:write', 'guidance:write', 'licencing:write', 'availability:operate']) tokens[role] = await bearer(role);
  const before = await logHeads(t.context.url);
  const seen = new Map<number, number>();
  await fc.assert(
    fc.asyncProperty(request, async (r) => {
      const response = await sendBad(t.context.url, r, tokens);
      const text = await response.text();
      seen.set(response.status, (seen.get(response.status) ?? 0) + 1);
      // Node's HTTP parser refuses request heads over 16 KB with a bare 431 before any app code.
      if (response.status === 431 && r.query.reduce((n, [k, v]) => n + k.length + v.length, 0) > 15_000) return;
      if (response.status >= 500)
        throw new Error(`${r.route.method} ${r.route.path} (${r.defect}) answered ${response.status}: ${text.slice(0, 300)}`);
      if (r.route.method !== 'GET' && response.status < 400)
        throw new Error(`${r.route.method} ${r.route.path} (${r.defect}) accepted bad input: ${response.status}`);
      if (response.status >= 400 && !/^application\/problem\+json/.test(response.headers.get('content-type') ?? '')) {
        throw new Error(`${r.route.method} ${r.route.path} answered ${response.status} as ${response.headers.get('content-type')}`);
      }
    }),
    { numRuns: 400 },
  );
  t.deepEqual(await logHeads(t.context.url), before, 'no bad write may change any event log');
  t.log('statuses seen:', Object.fromEntries([...seen].sort()));
});
