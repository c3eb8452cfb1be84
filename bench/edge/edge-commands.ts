import { EPISODES, PLATFORMS, PROGRAMME_ID, findEpisode, itemsOf, listsOf, seconds, type Check, type Platform } from './edge-scenario.ts';

interface Licence {
  id: string;
  etag: string;
}
interface EpisodeState {
  withdrawn: boolean;
  restricted: boolean;
  guidanceEtag: string;
  catalogueEtag: string;
  licences: Partial<Record<Platform, Licence>>;
}

/** Sends the editors' commands of the benchmark and says, for each, what must turn fresh where. */
export const createEditor = (urls: { catalogue: string; guidance: string; licencing: string }, token: string) => {
  const state = new Map<number, EpisodeState>();
  const send = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (response.status >= 300) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
    return { etag: response.headers.get('etag') ?? '', body: (await response.json()) as Record<string, unknown> };
  };
  const grant = async (episodeId: number, platform: Platform) => {
    const now = Date.now();
    const { etag, body } = await send('POST', `${urls.licencing}/licencing/licences`, {
      episodeId,
      platform,
      startDate: seconds(now - 3_600_000),
      endDate: seconds(now + 60 * 86_400_000),
    });
    state.get(episodeId)!.licences[platform] = { id: String(body.licenceId), etag };
  };
  const heldNowhere = (episodeId: number, platform: Platform) => (answers: ReadonlyMap<string, { status: number; body: unknown }>) =>
    listsOf(platform).every((path) => !findEpisode(answers.get(path)?.body, episodeId));
  const heldSomewhere =
    (episodeId: number, platform: Platform, kind: string) => (answers: ReadonlyMap<string, { status: number; body: unknown }>) =>
      listsOf(platform)
        .filter((path) => path.startsWith(kind))
        .some((path) => findEpisode(answers.get(path)?.body, episodeId));

  return {
    /** The episodes not withdrawn (what TV apps can still find). */
    live: () => EPISODES.filter((id) => !state.get(id)?.withdrawn),
    /** Publishes the programme and its episodes, guidance and an ios licence each. */
    async seed() {
      await send(
        'PUT',
        `${urls.catalogue}/catalogue/programmes/${PROGRAMME_ID}`,
        { title: 'Edge Bench', channel: 'ITV', synopsis: 'Episodes the edge benchmark edits.' },
        { 'if-none-match': '*' },
      );
      for (const [i, episodeId] of EPISODES.entries()) {
        const published = await send(
          'PUT',
          `${urls.catalogue}/catalogue/episodes/${episodeId}`,
          {
            programmeId: PROGRAMME_ID,
            title: `Episode ${i + 1}`,
            synopsis: 'Edited all day.',
            seriesNumber: 1,
            orderInSeries: i + 1,
            orderInProgramme: i + 1,
            durationSeconds: 1800,
          },
          { 'if-none-match': '*' },
        );
        const guidance = await send(
          'PUT',
          `${urls.guidance}/guidance/episodes/${episodeId}`,
          { restricted: false, message: null },
          { 'if-none-match': '*' },
        );
        state.set(episodeId, {
          withdrawn: false,
          restricted: false,
          guidanceEtag: guidance.etag,
          catalogueEtag: published.etag,
          licences: {},
        });
        await grant(episodeId, 'ios');
      }
    },
    /** The `n`-th command on an episode not in `busy`: its kind, and what shows it took effect. */
    async command(n: number, busy: ReadonlySet<number>): Promise<{ kind: string; episodeId: number; check: Check }> {
      const live = EPISODES.filter((id) => !state.get(id)!.withdrawn && !busy.has(id));
      const kinds = ['grant', 'revoke', 'amend', 'guidance', 'grant', 'revoke', 'amend', 'guidance', 'grant', 'withdraw'] as const;
      let kind: (typeof kinds)[number] = kinds[n % kinds.length]!;
      const platform: Platform = n % 2 === 0 ? 'android' : 'web';
      const licensed = live.filter((id) => state.get(id)!.licences[platform]);
      if ((kind === 'revoke' || kind === 'amend') && licensed.length === 0) kind = 'grant';
      const unlicensed = live.filter((id) => !state.get(id)!.licences[platform]);
      if (kind === 'grant' && unlicensed.length === 0) kind = 'guidance';
      if (kind === 'withdraw' && live.length <= 30) kind = 'guidance';
      const pool = kind === 'revoke' || kind === 'amend' ? licensed : kind === 'grant' ? unlicensed : live;
      const episodeId = pool[(n * 13 + 5) % pool.length]!;
      const episode = state.get(episodeId)!;
      const items = (p: Platform) => itemsOf(episodeId, p);
      const answerOf = (answers: ReadonlyMap<string, { status: number; body: unknown }>, path: string) => answers.get(path);
      switch (kind) {
        case 'grant': {
          await grant(episodeId, platform);
          const lists = listsOf(platform);
          return {
            kind,
            episodeId,
            check: {
              paths: [...items(platform), ...lists],
              fresh: (a) =>
                items(platform).every((path) => findEpisode(answerOf(a, path)?.body, episodeId)?.available === true) &&
                heldSomewhere(episodeId, platform, '/vod')(a) &&
                heldSomewhere(episodeId, platform, '/availability')(a),
            },
          };
        }
        case 'revoke': {
          const licence = episode.licences[platform]!;
          await send('POST', `${urls.licencing}/licencing/licences/${licence.id}/revocation`, undefined, { 'if-match': licence.etag });
          delete episode.licences[platform];
          return {
            kind,
            episodeId,
            check: {
              paths: [...items(platform), ...listsOf(platform)],
              fresh: (a) =>
                items(platform).every((path) => findEpisode(answerOf(a, path)?.body, episodeId)?.available !== true) &&
                heldNowhere(episodeId, platform)(a),
            },
          };
        }
        case 'amend': {
          const licence = episode.licences[platform]!;
          const end = seconds(Date.now() + (70 + (n % 50)) * 86_400_000 + n * 60_000);
          const { etag } = await send(
            'PUT',
            `${urls.licencing}/licencing/licences/${licence.id}/window`,
            { startDate: seconds(Date.now() - 3_600_000), endDate: end },
            { 'if-match': licence.etag },
          );
          licence.etag = etag;
          const shows = (body: unknown) => JSON.stringify(findEpisode(body, episodeId) ?? {}).includes(end.slice(0, 16));
          const paths = [...items(platform), ...listsOf(platform)];
          return {
            kind,
            episodeId,
            check: {
              paths,
              fresh: (a) =>
                items(platform).every((path) => shows(answerOf(a, path)?.body)) &&
                listsOf(platform).every((path) => !findEpisode(answerOf(a, path)?.body, episodeId) || shows(answerOf(a, path)?.body)),
            },
          };
        }
        case 'guidance': {
          const restricted = !episode.restricted;
          const { etag } = await send(
            'PUT',
            `${urls.guidance}/guidance/episodes/${episodeId}`,
            restricted ? { restricted, message: `Edge bench ${n}` } : { restricted, message: null },
            { 'if-match': episode.guidanceEtag },
          );
          Object.assign(episode, { restricted, guidanceEtag: etag });
          const paths = [`/guidance/episodes/${episodeId}`, ...items('ios'), ...listsOf('ios')];
          const right = (body: unknown) =>
            (findEpisode(body, episodeId)?.restricted ?? (body as { restricted?: boolean })?.restricted) === restricted;
          return {
            kind,
            episodeId,
            check: {
              paths,
              fresh: (a) =>
                [`/guidance/episodes/${episodeId}`, ...items('ios')].every((path) => right(answerOf(a, path)?.body)) &&
                listsOf('ios').every((path) => !findEpisode(answerOf(a, path)?.body, episodeId) || right(answerOf(a, path)?.body)),
            },
          };
        }
        case 'withdraw': {
          await send('POST', `${urls.catalogue}/catalogue/episodes/${episodeId}/withdrawal`, undefined, {
            'if-match': episode.catalogueEtag,
          });
          episode.withdrawn = true;
          const all = PLATFORMS.flatMap((p) => [...items(p), ...listsOf(p)]);
          return {
            kind,
            episodeId,
            check: {
              paths: [`/catalogue/episodes/${episodeId}`, ...all],
              fresh: (a) =>
                /withdrawn/.test(JSON.stringify(answerOf(a, `/catalogue/episodes/${episodeId}`)?.body ?? '')) &&
                PLATFORMS.every(
                  (p) =>
                    items(p).every(
                      (path) => answerOf(a, path)?.status === 404 || findEpisode(answerOf(a, path)?.body, episodeId)?.available !== true,
                    ) && heldNowhere(episodeId, p)(a),
                ),
            },
          };
        }
      }
    },
  };
};
