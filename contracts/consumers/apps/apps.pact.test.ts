import test from 'ava';
import { resetPact } from '../../support/pact-files.ts';
import { APPS, appPage, mediaType, type App } from './app-interactions.ts';

test.before(() => {
  for (const app of APPS) resetPact(`${app}-app`, 'gateway');
});

type Tile = Record<string, unknown>;
type Page = { _embedded: { productions?: Tile[]; rails?: { _embedded: { productions: Tile[] } }[] } };

/** What a TV app does with a page: its tiles, each with a title line, a playable flag and an end date. */
const tilesOf = async (url: string, app: App, version: 1 | 2) => {
  const response = await fetch(`${url}/vod/${app}/episodes?q=Downton&available=any`, { headers: { accept: mediaType(version) } });
  const page = (await response.json()) as Page;
  const tiles = page._embedded.productions ?? page._embedded.rails!.flatMap((r) => r._embedded.productions);
  return tiles.map((t) =>
    version === 1
      ? { line: `${t.programmeTitle}: ${t.title}`, playable: t.available, until: t.endDate }
      : {
          line: `${(t.programme as { title: string }).title}: ${t.title}`,
          playable: t.available,
          until: (t.window as { end: string }).end,
        },
  );
};

for (const app of APPS) {
  for (const version of [1, 2] as const) {
    test.serial(`the ${app} app reads programme, episode, availability and window from a gateway page in v${version}`, async (t) => {
      const tiles = await appPage(app, version, 123456).executeTest((server) => tilesOf(server.url, app, version));
      t.deepEqual(tiles, [{ line: 'Downton Abbey: Series 3, Episode 2', playable: true, until: '2033-01-11T19:30:00.000Z' }]);
    });
  }
}
