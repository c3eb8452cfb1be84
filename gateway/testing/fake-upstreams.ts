import { catalogueBody, guidanceBody, licencesBody, productionBody } from './fake-bodies.ts';
import { fakeEpisodes, type FakeEpisode } from './fake-data.ts';
import { createFakeServer, type FakeAnswer } from './fake-server.ts';

const letter = (title: string) => (/^[A-Z]/i.test(title) ? title[0]!.toUpperCase() : '0-9');

const listEpisodes = (episodes: readonly FakeEpisode[], url: URL): FakeAnswer => {
  const platform = url.searchParams.get('platform') ?? '';
  const q = (url.searchParams.get('q') ?? '').toLowerCase();
  const channel = url.searchParams.get('channel');
  const page = Number(url.searchParams.get('page') ?? 1);
  const size = Number(url.searchParams.get('size') ?? 20);
  const grouped = url.searchParams.get('grouping') === 'alphabetical';
  const available = url.searchParams.get('available');
  const playable = (e: FakeEpisode) => Date.parse(e.window.startDate) <= Date.now();
  const matches = episodes
    .filter(
      (e) =>
        (!channel || e.channel === channel) &&
        (!q ||
          e.programmeTitle
            .toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(q))),
    )
    .filter((e) => available === null || String(playable(e)) === available)
    .sort((a, b) => a.programmeTitle.localeCompare(b.programmeTitle) || a.episodeId - b.episodeId);
  const items = matches
    .slice((page - 1) * size, page * size)
    .map((e) => ({ ...productionBody(e, platform), ...(grouped ? { group: letter(e.programmeTitle) } : {}) }));
  const groups: { letter: string; count: number }[] = [];
  for (const item of items) {
    const last = groups.at(-1);
    if (last && last.letter === item.group) last.count += 1;
    else if (item.group) groups.push({ letter: item.group, count: 1 });
  }
  return {
    status: 200,
    body: {
      platform,
      page,
      size,
      count: items.length,
      total: matches.length,
      ...(grouped ? { groups } : {}),
      _links: { self: { href: `/availability/episodes${url.search}` } },
      _embedded: { productions: items },
    },
  };
};

/** The catalogue's own paged list (editorial order, no availability): what a naive gateway starts from. */
const listCatalogue = (episodes: readonly FakeEpisode[], url: URL): FakeAnswer => {
  const page = Number(url.searchParams.get('page') ?? 1);
  const size = Number(url.searchParams.get('size') ?? 20);
  const items = episodes
    .slice((page - 1) * size, page * size)
    .map((e) => ({ episodeId: e.episodeId, _links: { self: { href: `/catalogue/episodes/${e.episodeId}` } } }));
  return { status: 200, body: { page, size, total: episodes.length, _embedded: { episodes: items } } };
};

/**
 * The four upstreams of the gateway, each on its own loopback port so one can be stopped, slowed
 * or broken alone, serving the shapes availability, catalogue, guidance and licencing answer.
 */
export const createFakeUpstreams = async ({ count = 60, maxAgeSeconds = 30 }: { count?: number; maxAgeSeconds?: number } = {}) => {
  const episodes = fakeEpisodes(count);
  const byId = new Map(episodes.map((e) => [e.episodeId, e]));
  const find = (url: URL, prefix: string) => byId.get(Number(url.pathname.slice(prefix.length)));
  const availability = await createFakeServer((url) => {
    if (url.pathname === '/availability/episodes') return listEpisodes(episodes, url);
    const e = find(url, '/availability/episodes/');
    return e && { status: 200, body: productionBody(e, url.searchParams.get('platform') ?? '') };
  }, maxAgeSeconds);
  const catalogue = await createFakeServer((url) => {
    if (url.pathname === '/catalogue/episodes') return listCatalogue(episodes, url);
    const e = find(url, '/catalogue/episodes/');
    return e && { status: 200, body: catalogueBody(e) };
  }, maxAgeSeconds);
  const guidance = await createFakeServer((url) => {
    const e = find(url, '/guidance/episodes/');
    const body = e && guidanceBody(e);
    return body ? { status: 200, body } : undefined;
  }, maxAgeSeconds);
  const licencing = await createFakeServer((url) => {
    const e = url.pathname === '/licencing/licences' ? byId.get(Number(url.searchParams.get('episode'))) : undefined;
    return e && { status: 200, body: licencesBody(e) };
  }, maxAgeSeconds);
  const servers = { availability, catalogue, guidance, licencing };
  return {
    ...servers,
    episodes,
    origins: { availability: availability.url, catalogue: catalogue.url, guidance: guidance.url, licencing: licencing.url },
    close: () => Promise.all(Object.values(servers).map((s) => s.close())).then(() => undefined),
  };
};

export type FakeUpstreams = Awaited<ReturnType<typeof createFakeUpstreams>>;
