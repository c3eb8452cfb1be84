import { issueToken } from '../platform/auth/tokens.ts';
import { readConfig } from '../platform/config/config.ts';

/**
 * `npm run rebuild [-- <origin>]`: asks the running availability service to drop and rebuild its
 * projection from the domain services' feeds, with an operator token signed from the local
 * configuration. The origin defaults to AVAILABILITY_URL, else http://localhost:$PORT.
 */
const config = readConfig();
const origin = process.argv[2] ?? config.AVAILABILITY_URL ?? `http://localhost:${config.PORT}`;
const token = await issueToken({ secret: config.TOKEN_SECRET, issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE }, ['availability:operate'], 'rebuild-script', '5m');
const response = await fetch(`${origin}/availability/rebuild`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
const body = await response.text();
if (!response.ok) {
  console.error(`rebuild failed: ${response.status} ${body}`);
  process.exit(1);
}
console.log(body);
