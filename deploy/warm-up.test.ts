import Router from '@koa/router';
import test from 'ava';
import { silentLogger } from '#platform/lifecycle/logger';
import { eventually } from '#platform/testing/eventually';
import type { Component } from './component.ts';
import { serveComponents } from './server.ts';
import { WARM_UP_REQUESTS, warmUpRequestsFor } from './warm-up.ts';

/** A component whose readiness is switched by the test and whose one route counts its requests and can be held. */
const switchableComponent = () => {
  const state = { caughtUp: false, hits: [] as string[], release: undefined as (() => void) | undefined };
  const held = new Promise<void>((resolve) => (state.release = resolve));
  const router = new Router();
  router.get('/things', async (ctx) => {
    state.hits.push(ctx.get('accept'));
    await held;
    ctx.body = { things: [] };
  });
  const component: Component = {
    name: 'things',
    routers: [router],
    readiness: { things: async () => ({ ok: state.caughtUp }) },
    start: () => undefined,
    stop: async () => undefined,
  };
  return { state, component };
};

const readiness = async (url: string) => {
  const response = await fetch(`${url}/health/ready`);
  return { status: response.status, body: (await response.json()) as { checks: Record<string, { ok: boolean }> } };
};

test('readiness stays 503 until the hot paths were sent once every other check passed, then 200', async (t) => {
  const { state, component } = switchableComponent();
  const running = await serveComponents([component], {
    port: 0,
    host: '127.0.0.1',
    logger: silentLogger(),
    warmUp: [{ path: '/things', headers: { accept: 'application/hal+json' } }],
  });
  try {
    const before = await readiness(running.url);
    t.is(before.status, 503);
    t.like(before.body.checks, { 'warm-up': { ok: false }, things: { ok: false } });
    t.deepEqual(state.hits, [], 'nothing is warmed while the component cannot answer yet');

    state.caughtUp = true;
    await eventually(() => state.hits.length > 0, { timeoutMs: 60_000, description: 'the warm-up request was sent' });
    t.deepEqual(state.hits, ['application/hal+json']);
    t.is((await readiness(running.url)).status, 503, 'not ready while the warm-up is answered');

    state.release?.();
    await eventually(async () => (await readiness(running.url)).status === 200, {
      timeoutMs: 60_000,
      description: 'ready after the warm-up',
    });
    t.is(state.hits.length, 2, 'each warm request is sent twice');
  } finally {
    state.release?.();
    await running.shutdown();
  }
});

test('without warm-up requests readiness has no warm-up check', async (t) => {
  const { state, component } = switchableComponent();
  state.caughtUp = true;
  const running = await serveComponents([component], { port: 0, host: '127.0.0.1', logger: silentLogger() });
  try {
    const { status, body } = await readiness(running.url);
    t.is(status, 200);
    t.false('warm-up' in body.checks);
  } finally {
    await running.shutdown();
  }
});

test('every component of the platform has warm-up requests, the README examples among them', (t) => {
  for (const name of ['catalogue', 'guidance', 'licencing', 'availability', 'gateway'])
    t.true((WARM_UP_REQUESTS[name]?.length ?? 0) > 0, name);
  const paths = warmUpRequestsFor(['catalogue', 'gateway']).map((r) => r.path);
  t.true(paths.includes('/catalogue/episodes/123456'));
  t.true(paths.includes('/vod/ios/episodes?channel=ITV&q=Downton&grouping=alphabetical'));
  t.false(
    paths.some((p) => p.startsWith('/availability')),
    'only the named components are warmed',
  );
});
