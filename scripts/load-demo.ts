import { issueToken } from '#platform/auth/tokens';
import { createLogger } from '#platform/lifecycle/logger';
import { loadDemoOnce } from '../deploy/demo/load-demo-data.ts';
import { readConfiguration } from '../deploy/read-configuration.ts';
import { runScript } from './run-script.ts';

/**
 * `npm run demo`: loads the demo catalogue into a running platform through the editors' HTTP
 * commands, once: into an empty catalogue, or to finish a load that DATA_DIR records as
 * interrupted. The services are found at CATALOGUE_URL, GUIDANCE_URL and LICENCING_URL, else
 * http://127.0.0.1:$PORT; tokens are signed with this configuration's TOKEN_SECRET, so it must be
 * the platform's. docker-compose runs it as `demo`. A failure is one line.
 */
let catalogue: string | undefined;
runScript(
  'demo',
  async () => {
    const config = readConfiguration();
    const logger = createLogger('demo', config.LOG_LEVEL);
    const own = `http://127.0.0.1:${config.PORT}`;
    const target = { catalogue: config.CATALOGUE_URL ?? own, guidance: config.GUIDANCE_URL ?? own, licencing: config.LICENCING_URL ?? own };
    catalogue = target.catalogue;
    const token = await issueToken(
      { secret: config.TOKEN_SECRET, issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
      ['catalogue:write', 'guidance:write', 'licencing:write'],
      'demo-loader',
      '1h',
    );
    const counts = await loadDemoOnce({ ...target, token }, { dataDir: config.DATA_DIR, logger });
    console.log(counts ? `demo loaded: ${JSON.stringify(counts)}` : 'the catalogue already holds data: the demo is not loaded again');
  },
  () => catalogue,
);
