import { issueToken } from '#platform/auth/tokens';
import { readConfig } from '#platform/config/config';
import { runScript } from './run-script.ts';

/**
 * `npm run --silent token -- <role>...` prints an editor token signed with this machine's
 * TOKEN_SECRET, e.g. `npm run --silent token -- guidance:write licencing:write`.
 */
const KNOWN_ROLES = ['catalogue:write', 'guidance:write', 'licencing:write', 'availability:operate'];

const roles = process.argv.slice(2);
const unknown = roles.filter((role) => !KNOWN_ROLES.includes(role));
if (roles.length === 0 || unknown.length > 0) {
  console.error(
    `usage: npm run --silent token -- <role>...\nroles: ${KNOWN_ROLES.join(', ')}${unknown.length ? `\nunknown: ${unknown.join(', ')}` : ''}`,
  );
  process.exit(2);
}
runScript('token', async () => {
  const config = readConfig();
  console.log(
    await issueToken(
      { secret: config.TOKEN_SECRET, issuer: config.TOKEN_ISSUER, audience: config.TOKEN_AUDIENCE },
      roles,
      process.env.USER ?? 'editor',
    ),
  );
});
