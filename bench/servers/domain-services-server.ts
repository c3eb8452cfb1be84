import { editorOf } from '../../deploy/testing/editor.ts';
import { startTestPlatform } from '../../deploy/testing/start-test-platform.ts';
import { eventually } from '#platform/testing/eventually';
import { serveToParent } from '../child-server.ts';

/** Input of the real services under test: how many episodes to make, through the editors' API. */
export interface DomainServicesInput {
  readonly episodes: number;
}

const TITLES = ['Alpha Street', 'Bravo Bay', 'Charlie Road', 'Delta Lane', 'Echo Park', 'Foxtrot Hill', 'Golf Course', 'Hotel Row'];

/**
 * The real catalogue, guidance, licencing and availability, as `npm start` composes them minus
 * the gateway (PGlite, the in-process bus, the in-memory projection), in a process of their own.
 * The catalogue is made the real way, through the editors' commands, and the child answers once
 * availability lists every episode for ios.
 */
serveToParent<DomainServicesInput, null>(async ({ episodes }) => {
  const platform = await startTestPlatform({}, { names: ['catalogue', 'guidance', 'licencing', 'availability'] });
  const editor = await editorOf(platform.url);
  for (const [i, title] of TITLES.entries()) await editor.publishProgramme(8000 + i, title);
  const now = Date.now();
  const make = async (e: number) => {
    const id = 800_000 + e;
    await editor.publishEpisode(id, 8000 + (e % TITLES.length), `Episode ${e + 1}`, 1 + Math.floor(e / TITLES.length));
    if (e % 2 === 0) await editor.setGuidance(id, true, 'Contains Strong Language');
    await editor.grantLicence(id, 'ios', now - 86_400_000, now + 30 * 86_400_000);
  };
  for (let e = 0; e < episodes; e += 10) await Promise.all(Array.from({ length: Math.min(10, episodes - e) }, (_, i) => make(e + i)));
  await eventually(
    async () =>
      ((await (await fetch(`${platform.url}/availability/episodes?platform=ios&size=1`)).json()) as { total: number }).total === episodes,
    {
      timeoutMs: 120_000,
      description: 'availability to list every episode for ios',
    },
  );
  return { origins: { services: platform.url }, report: null };
});
