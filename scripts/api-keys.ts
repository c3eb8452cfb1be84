import { apiKeysFile } from '../gateway/config.ts';
import { apiKeyFile } from '../gateway/http/api-keys.ts';
import { runScript } from './run-script.ts';

/**
 * `npm run --silent api-keys -- issue <app> | revoke <id> | list`: the operator's API keys for
 * client apps, in GATEWAY_API_KEYS_FILE (default DATA_DIR/gateway-api-keys.json). A key is
 * printed once, when issued; the file keeps only its SHA-256. Running gateways read the file
 * again within seconds of a change.
 */
const [command, argument] = process.argv.slice(2);
const usage = 'usage: npm run --silent api-keys -- issue <app> | revoke <key id> | list';
if (!(command === 'issue' && argument) && !(command === 'revoke' && argument) && command !== 'list') {
  console.error(usage);
  process.exit(2);
}
runScript('api-keys', async () => {
  const path = apiKeysFile(process.env);
  const file = apiKeyFile(path);
  if (command === 'issue') {
    const { id, key } = file.issue(argument!);
    console.error(`issued key ${id} for ${argument} in ${path}; it is shown this once:`);
    console.log(key);
  } else if (command === 'revoke') {
    if (!file.revoke(argument!)) throw new Error(`no key ${argument} in ${path}`);
    console.error(`revoked ${argument}`);
  } else {
    for (const k of file.list()) console.log(`${k.id}\t${k.app}\tissued ${k.issuedAt}${k.revokedAt ? `\trevoked ${k.revokedAt}` : ''}`);
  }
});
