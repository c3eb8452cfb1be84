import { rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { readConfig } from '../platform/config/config.ts';

/**
 * `npm run reset`: deletes the embedded mode's data (DATA_DIR, default ./data), so the next
 * `npm start` loads the demo catalogue afresh. PostgreSQL and RabbitMQ are left alone.
 */
const config = readConfig();
const dir = resolve(config.DATA_DIR);
if (dir === resolve('/') || dir === resolve('.')) {
  console.error(`refusing to delete ${dir}`);
  process.exit(2);
}
await rm(dir, { recursive: true, force: true });
console.log(`deleted ${dir}; the next npm start loads the demo data again`);
