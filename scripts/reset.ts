import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readConfig } from '#platform/config/config';
import { lockDataDir } from '#platform/storage/data-dir-lock';
import { runScript } from './run-script.ts';

/**
 * `npm run reset`: deletes the embedded mode's data (DATA_DIR, default ./data), so the next
 * `npm start` loads the demo catalogue afresh. PostgreSQL and RabbitMQ are left alone. It takes
 * the directory's lock first, as a server does: deleting the stores under a running server turned
 * every request into a 500 while readiness still said ok, so a directory in use is refused with
 * one line naming the process that holds it.
 */
runScript('reset', async () => {
  const config = readConfig();
  const dir = resolve(config.DATA_DIR);
  if (dir === resolve('/') || dir === resolve('.')) {
    console.error(`reset: refusing to delete ${dir}`);
    process.exit(2);
  }
  const lock = await lockDataDir(dir, 'npm run reset');
  await rm(dir, { recursive: true, force: true });
  await lock.release();
  console.log(`deleted ${dir}; the next npm start loads the demo data again`);
});
