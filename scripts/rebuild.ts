import { issueToken } from '#platform/auth/tokens';
import { readConfig } from '#platform/config/config';
import { runScript } from './run-script.ts';

/**
 * `npm run rebuild [-- <origin>]`: asks the running availability service to drop and rebuild its
 * projection from the domain services' feeds, with an operator token signed from the local
 * configuration. The origin defaults to AVAILABILITY_URL, else http://localhost:$PORT. A failure
 * is one line (a bad variable, a service that does not answer, the problem it answered).
 */
let origin: string | undefined;
runScript(
  'rebuild',
  async () => {
    const config = readConfig();
    origin = process.argv[2] ?? config.AVAILABILITY_URL ?? `http://localhost:${config.PORT}`;
    const token = await issueToken(
      { secret: config.TOKEN_SECRET, issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
      ['availability:operate'],
      'rebuild-script',
      '5m',
    );
    const response = await fetch(`${origin}/availability/rebuild`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    const body = await response.text();
    if (!response.ok) throw new Error(`${origin} answered ${response.status}: ${body}`);
    console.log(body);
  },
  () => origin,
);
