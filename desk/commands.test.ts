import test from 'ava';
import { startTestPlatform } from '../deploy/testing/start-test-platform.ts';
import { bearer, testAuth } from '#platform/testing/http';
import { sendCommand } from './commands.ts';
import { createUpstream } from './upstream.ts';

const editor = { sub: 'chief-editor', name: 'Chief Editor', roles: ['catalogue:write', 'guidance:write', 'licencing:write'] };

test("a first guidance drawn while there was none meets a colleague's guidance set meanwhile: a 412 shown, theirs kept", async (t) => {
  const served = await startTestPlatform({ LOG_LEVEL: 'silent' });
  t.teardown(() => served.stop());
  const url = served.url;
  const upstream = createUpstream({
    origins: { catalogue: url, guidance: url, licencing: url, availability: url, gateway: url },
    auth: testAuth,
  });
  const drawn = await upstream.get<{ _templates?: Record<string, { title: string }> }>('/guidance/episodes/424242');
  t.is(drawn.status, 404);
  t.is(drawn.body?._templates?.default?.title, 'Set the first guidance');

  const theirs = await fetch(`${url}/guidance/episodes/424242`, {
    method: 'PUT',
    headers: { authorization: await bearer('guidance:write'), 'content-type': 'application/json' },
    body: JSON.stringify({ restricted: true, message: 'Theirs' }),
  });
  t.is(theirs.status, 201);

  const outcome = await sendCommand(upstream, editor, {
    resource: '/guidance/episodes/424242',
    template: 'default',
    episodeId: 424242,
    formId: 'f',
    confirmMissingEpisode: false,
    values: { message: 'Mine' },
  });
  t.is(outcome.kind, 'refused');
  if (outcome.kind !== 'refused') return;
  t.is(outcome.status, 412);
  t.deepEqual(
    outcome.state.conflict?.rows.find((r) => r.field === 'message'),
    { field: 'message', now: 'Theirs', yours: 'Mine' },
  );
  const kept = (await (await fetch(`${url}/guidance/episodes/424242`)).json()) as { message: string; restricted: boolean };
  t.is(kept.message, 'Theirs');
  t.true(kept.restricted);

  const created = await sendCommand(upstream, editor, {
    resource: '/guidance/episodes/515151',
    template: 'default',
    episodeId: 515151,
    formId: 'f',
    confirmMissingEpisode: false,
    values: { restricted: 'on', message: 'Mine' },
  });
  t.is(created.kind, 'saved', 'with nothing there, the same command creates it');
  t.is(((await (await fetch(`${url}/guidance/episodes/515151`)).json()) as { message: string }).message, 'Mine');
});
