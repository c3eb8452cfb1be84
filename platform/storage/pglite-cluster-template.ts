import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where a freshly initialised PGlite cluster is kept, one per PGlite build: in
 * `node_modules/.cache` beside the installed PGlite (the user's own, wiped by `npm ci`; not the
 * shared temporary folder, where another user could plant one).
 */
const templateDirectory = async (): Promise<string> => {
  const entry = fileURLToPath(import.meta.resolve('@electric-sql/pglite'));
  const packageRoot = entry.slice(0, entry.lastIndexOf('/dist/'));
  const { version } = JSON.parse(await readFile(join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  const wasm = await stat(join(packageRoot, 'dist', 'pglite.wasm'));
  const nodeModules = entry.slice(0, entry.lastIndexOf('/node_modules/') + '/node_modules'.length);
  return join(nodeModules, '.cache', 'vod-pglite-cluster', `${version}-${wasm.size}`);
};

const isCluster = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

/**
 * Gives an empty `dataDir` a copy of a freshly initialised cluster, so that PGlite opens it
 * rather than running initdb there. initdb is most of a first start: 5.6 s of wall time and
 * 6.4 s of CPU on a quiet 2-core machine, against 0.8 s to copy the 39 MB template and 0.25 s
 * to open it. The template is made once per PGlite build by `initialise` (initdb in a folder of
 * its own, then renamed into place, so processes seeding at once never see half of one). A
 * cluster shut down cleanly is relocatable: PostgreSQL's own base backups are such copies.
 * Best effort: anything failing here (a read-only `node_modules`) leaves `dataDir` as it was,
 * and PGlite runs initdb in it as before. Answers whether it seeded.
 */
export const seedFromClusterTemplate = async (
  dataDir: string,
  initialise: (dir: string) => Promise<void>,
  templateAt: () => Promise<string> = templateDirectory,
): Promise<boolean> => {
  if (isCluster(dataDir) || (existsSync(dataDir) && (await readdir(dataDir)).length > 0)) return false;
  try {
    const template = await templateAt();
    if (!isCluster(template)) {
      const aside = `${template}.${randomUUID()}`;
      await mkdir(dirname(template), { recursive: true });
      try {
        await initialise(aside);
        await rename(aside, template).catch((error: NodeJS.ErrnoException) => {
          if (!isCluster(template)) throw error; // another process put its template in place first
        });
      } finally {
        await rm(aside, { recursive: true, force: true });
      }
    }
    await cp(template, dataDir, { recursive: true, errorOnExist: true, force: false });
    return true;
  } catch {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(dataDir, { recursive: true });
    return false;
  }
};
