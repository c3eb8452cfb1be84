/** The benchmark's episodes: one programme, each episode with guidance and an ios licence. */
const PROGRAMME_ID = 9002;
const EPISODES = Array.from({ length: 300 }, (_, i) => 9_200_001 + i);

interface EpisodeState {
  catalogueEtag: string;
  guidanceEtag: string;
  licence: { id: string; etag: string };
  restricted: boolean;
  title: string;
}

/** What a write changed: when the service acknowledged it, and what an availability item shows once the change reached it. */
export interface Write {
  readonly kind: 'amend' | 'guidance' | 'retitle';
  readonly episodeId: number;
  readonly ackedAt: number;
  readonly shows: (item: Record<string, unknown>) => boolean;
}

const seconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** Sends editors' commands through the services' public API (bearer token, If-Match), as the desk does. */
export const createPropagationEditor = (urls: { catalogue: string; guidance: string; licencing: string }, token: string) => {
  const state = new Map<number, EpisodeState>();
  const busy = new Set<number>();
  const send = async (method: string, url: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const ackedAt = performance.now();
    const text = await response.text();
    if (response.status < 200 || response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${text}`);
    return { ackedAt, etag: response.headers.get('etag') ?? '', body: JSON.parse(text) as Record<string, unknown> };
  };
  const episodeBody = (i: number, title: string) => ({
    programmeId: PROGRAMME_ID,
    title,
    synopsis: 'Edited all day.',
    seriesNumber: 1,
    orderInSeries: i + 1,
    orderInProgramme: i + 1,
    durationSeconds: 1800,
  });

  return {
    episodes: EPISODES,
    /** Publishes the programme and its episodes, with guidance and an ios licence each. */
    async seed() {
      await send(
        'PUT',
        `${urls.catalogue}/catalogue/programmes/${PROGRAMME_ID}`,
        { title: 'Propagation Bench', channel: 'ITV', synopsis: 'Episodes the propagation benchmark edits.' },
        { 'if-none-match': '*' },
      );
      // Ten episodes at a time: all at once, the services' pools (8 connections, 5 s to get one) answer 503 on a loaded machine.
      const seedOne = async (episodeId: number, i: number) => {
        const title = `Episode ${i + 1}`;
        const published = await send('PUT', `${urls.catalogue}/catalogue/episodes/${episodeId}`, episodeBody(i, title), {
          'if-none-match': '*',
        });
        const guidance = await send(
          'PUT',
          `${urls.guidance}/guidance/episodes/${episodeId}`,
          { restricted: false, message: null },
          { 'if-none-match': '*' },
        );
        const now = Date.now();
        const licence = await send('POST', `${urls.licencing}/licencing/licences`, {
          episodeId,
          platform: 'ios',
          startDate: seconds(now - 3_600_000),
          endDate: seconds(now + 60 * 86_400_000),
        });
        state.set(episodeId, {
          catalogueEtag: published.etag,
          guidanceEtag: guidance.etag,
          licence: { id: String(licence.body.licenceId), etag: licence.etag },
          restricted: false,
          title,
        });
      };
      for (let from = 0; from < EPISODES.length; from += 10)
        await Promise.all(EPISODES.slice(from, from + 10).map((id, i) => seedOne(id, from + i)));
    },
    /** The `n`-th write, on an episode with no write of its own in flight: a window amended, guidance set, or an episode retitled, in turn. */
    async write(n: number): Promise<Write> {
      const free = EPISODES.filter((id) => !busy.has(id));
      if (free.length === 0) throw new Error('every episode has a write in flight');
      const episodeId = free[(n * 37) % free.length]!;
      const episode = state.get(episodeId)!;
      busy.add(episodeId);
      try {
        switch (n % 3) {
          case 0: {
            const end = new Date(Date.now() + (61 + (n % 300)) * 86_400_000 + (n % 86_400) * 1000);
            const { ackedAt, etag } = await send(
              'PUT',
              `${urls.licencing}/licencing/licences/${episode.licence.id}/window`,
              { startDate: seconds(Date.now() - 3_600_000), endDate: seconds(end.getTime()) },
              { 'if-match': episode.licence.etag },
            );
            episode.licence.etag = etag;
            const until = `${seconds(end.getTime()).slice(0, -1)}.000Z`;
            return { kind: 'amend', episodeId, ackedAt, shows: (item) => item.availableUntil === until };
          }
          case 1: {
            const restricted = !episode.restricted;
            const { ackedAt, etag } = await send(
              'PUT',
              `${urls.guidance}/guidance/episodes/${episodeId}`,
              restricted ? { restricted, message: `Bench ${n}` } : { restricted, message: null },
              { 'if-match': episode.guidanceEtag },
            );
            Object.assign(episode, { restricted, guidanceEtag: etag });
            return { kind: 'guidance', episodeId, ackedAt, shows: (item) => item.restricted === restricted };
          }
          default: {
            const title = `Episode ${EPISODES.indexOf(episodeId) + 1}, take ${n}`;
            const { ackedAt, etag } = await send(
              'PUT',
              `${urls.catalogue}/catalogue/episodes/${episodeId}`,
              episodeBody(EPISODES.indexOf(episodeId), title),
              { 'if-match': episode.catalogueEtag },
            );
            Object.assign(episode, { title, catalogueEtag: etag });
            return { kind: 'retitle', episodeId, ackedAt, shows: (item) => item.episodeTitle === title };
          }
        }
      } catch (error) {
        busy.delete(episodeId);
        throw error;
      }
    },
    /** Frees an episode for the next write once its change has been seen. */
    done(episodeId: number) {
      busy.delete(episodeId);
    },
  };
};
