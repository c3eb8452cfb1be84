import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'ava';
import { checkReadmeExamples, README_EXAMPLES } from './readme-examples.ts';

test("every example the banner stands for is one of the README's first curls, media type included", async (t) => {
  const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
  const curls = readme.slice(0, readme.indexOf('## What it is'));
  for (const { path, accept } of README_EXAMPLES) {
    t.true(curls.includes(path), `README shows ${path}`);
    if (accept) t.true(curls.includes(accept), `README shows Accept: ${accept}`);
  }
});

/** A server answering each path with the given status and body. */
const serve = async (answers: Record<string, [number, unknown]>): Promise<{ server: Server; origin: string }> => {
  const server = createServer((request, response) => {
    const [status, body] = answers[request.url ?? ''] ?? [404, { title: 'Not Found' }];
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
};

const documented: Record<string, [number, unknown]> = {
  '/catalogue/episodes/123456': [200, { episodeId: 123456 }],
  '/guidance/episodes/123456': [200, { restricted: true }],
  '/licencing/licences?episode=123456': [200, { _embedded: { licences: [{ platform: 'samsung' }] } }],
  '/availability/episodes?platform=ios&channel=ITV&q=Downton': [200, { total: 3 }],
  '/vod/ios/episodes?channel=ITV&q=Downton&grouping=alphabetical': [200, { _embedded: { productions: [{}] } }],
};

test('examples answering as documented leave nothing to report', async (t) => {
  const { server, origin } = await serve(documented);
  try {
    t.deepEqual(await checkReadmeExamples(origin), []);
  } finally {
    server.close();
  }
});

test('an example that is missing or answers empty is reported by path', async (t) => {
  const { server, origin } = await serve({
    ...documented,
    '/availability/episodes?platform=ios&channel=ITV&q=Downton': [200, { total: 0 }],
    '/catalogue/episodes/123456': [404, {}],
  });
  try {
    t.deepEqual((await checkReadmeExamples(origin)).sort(), [
      '/availability/episodes?platform=ios&channel=ITV&q=Downton finds no episode',
      '/catalogue/episodes/123456 answered 404',
    ]);
  } finally {
    server.close();
  }
});
