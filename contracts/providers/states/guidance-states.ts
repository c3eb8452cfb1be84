import { freshIds, required, type Services, type StateParams } from './state-types.ts';

/** The guidance service's provider states, reached only through its editors' command. */
export const guidanceStates = (services: Services) => {
  const { setEpisodeGuidance } = required(services.guidance, 'guidance').commands;
  const set = new Set<number>();
  const fresh = freshIds(900_001);

  const ensureGuidance = async (params: StateParams) => {
    const episodeId = Number(params?.episodeId ?? 123456);
    if (set.has(episodeId)) return undefined;
    const restricted = params?.restricted !== false;
    await setEpisodeGuidance({
      episodeId,
      restricted,
      message: restricted ? 'Contains Strong Language' : null,
      precondition: { kind: 'create' },
    });
    set.add(episodeId);
    return undefined;
  };

  return {
    ensureGuidance,
    handlers: {
      'an episode has guidance': ensureGuidance,
      'an editor has restricted one episode and not another': async () => {
        await ensureGuidance({ episodeId: 123456 });
        await ensureGuidance({ episodeId: 123458, restricted: false });
        return undefined;
      },
      'an episode has no guidance': async (params: StateParams) => {
        if (set.has(Number(params?.episodeId))) throw new Error(`episode ${String(params?.episodeId)} already has guidance in this run`);
        return undefined;
      },
      'an editor restricts an episode': async () =>
        void (await setEpisodeGuidance({
          episodeId: fresh(),
          restricted: true,
          message: 'Contains Strong Language',
          precondition: { kind: 'create' },
        })),
      "an editor lifts an episode's restriction": async () => {
        const { guidance } = await setEpisodeGuidance({
          episodeId: fresh(),
          restricted: true,
          message: 'Contains Strong Language',
          precondition: { kind: 'create' },
        });
        await setEpisodeGuidance({
          episodeId: guidance.episodeId,
          restricted: false,
          message: null,
          precondition: { kind: 'update', version: guidance.version },
        });
      },
    },
  };
};
