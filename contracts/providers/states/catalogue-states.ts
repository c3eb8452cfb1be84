import { freshIds, required, type Services, type StateParams } from './state-types.ts';

const PROGRAMME_ID = 1;

/**
 * The catalogue's provider states, reached only through its editors' commands: whatever a
 * pact needs to exist is published exactly as an editor would publish it.
 */
export const catalogueStates = (services: Services) => {
  const { commands } = required(services.catalogue, 'catalogue');
  const programmes = new Set<number>();
  const episodes = new Map<number, number>();
  const fresh = freshIds(900_001);

  const ensureProgramme = async (programmeId: number, title: string, channel: string) => {
    if (programmes.has(programmeId)) return;
    await commands.publishProgramme({
      programmeId,
      title,
      channel,
      synopsis: `${title}: a glittering period drama.`,
      precondition: { kind: 'create' },
    });
    programmes.add(programmeId);
  };
  const publishEpisode = async (episodeId: number, programmeId = PROGRAMME_ID) => {
    const { episode } = await commands.publishEpisode({
      episodeId,
      programmeId,
      title: 'Downton Abbey: Episode 23',
      synopsis: 'The Crawley family on their estate, Downton.',
      seriesNumber: 3,
      orderInSeries: 2,
      orderInProgramme: 23,
      durationSeconds: 3600,
      precondition: { kind: 'create' },
    });
    episodes.set(episodeId, episode.version);
    return episode;
  };
  const ensureEpisode = async (params: StateParams) => {
    const episodeId = Number(params?.episodeId ?? 123456);
    await ensureProgramme(PROGRAMME_ID, String(params?.programmeTitle ?? 'Downton Abbey'), String(params?.channel ?? 'ITV'));
    if (!episodes.has(episodeId)) await publishEpisode(episodeId);
    return undefined;
  };
  const freshEpisode = async () => {
    await ensureProgramme(PROGRAMME_ID, 'Downton Abbey', 'ITV');
    return publishEpisode(fresh());
  };

  return {
    ensureEpisode,
    handlers: {
      'an episode is published': ensureEpisode,
      'an editor has published a programme and an episode of it': ensureEpisode,
      'an editor publishes an episode': async () => void (await freshEpisode()),
      'an editor revises an episode': async () => {
        const episode = await freshEpisode();
        await commands.publishEpisode({
          ...episode,
          title: 'Downton Abbey: Episode 23 (revised)',
          precondition: { kind: 'update', version: episode.version },
        });
      },
      'an editor withdraws an episode': async () => {
        const episode = await freshEpisode();
        await commands.withdrawEpisode({ episodeId: episode.episodeId, version: episode.version });
      },
    },
  };
};
