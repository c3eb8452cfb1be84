import { freshIds, openWindow, required, type Services, type StateParams } from './state-types.ts';

/** The licencing service's provider states, reached only through its editors' commands. */
export const licencingStates = (services: Services) => {
  const { grantLicence, amendLicenceWindow, revokeLicence } = required(services.licencing, 'licencing').commands;
  const granted = new Set<string>();
  const fresh = freshIds(900_001);

  const ensureLicence = async (params: StateParams) => {
    const episodeId = Number(params?.episodeId ?? 123456);
    const platform = String(params?.platform ?? 'samsung');
    if (granted.has(`${episodeId}:${platform}`)) return undefined;
    await grantLicence({ episodeId, platform, ...openWindow() });
    granted.add(`${episodeId}:${platform}`);
    return undefined;
  };
  const freshLicence = () => grantLicence({ episodeId: fresh(), platform: 'samsung', ...openWindow() });

  return {
    ensureLicence,
    handlers: {
      'an episode is licensed on a platform': ensureLicence,
      'an editor has granted a licence': ensureLicence,
      'an editor grants a licence': async () => void (await freshLicence()),
      'an editor amends a licence window': async () => {
        const licence = await freshLicence();
        await amendLicenceWindow({
          licenceId: licence.licenceId,
          ...openWindow(Date.now() + 86_400_000),
          expectedVersion: licence.version,
        });
      },
      'an editor revokes a licence': async () => {
        const licence = await freshLicence();
        await revokeLicence({ licenceId: licence.licenceId, expectedVersion: licence.version });
      },
    },
  };
};
