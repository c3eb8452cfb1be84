import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** What the data folder remembers of a demo load: the day it began (its windows) and whether it finished. */
export interface DemoProgress {
  readonly today: string;
  readonly finished: boolean;
}

const FILE = 'demo-load.json';

/** The recorded progress, or undefined when no demo load ever began with this data folder. */
export const readDemoProgress = async (dataDir: string): Promise<DemoProgress | undefined> => {
  try {
    const parsed = JSON.parse(await readFile(join(dataDir, FILE), 'utf8')) as Partial<DemoProgress>;
    if (typeof parsed.today !== 'string' || Number.isNaN(Date.parse(parsed.today)) || typeof parsed.finished !== 'boolean')
      return undefined;
    return { today: parsed.today, finished: parsed.finished };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return undefined;
    throw error;
  }
};

/** Records progress atomically (write, then rename), so a stop mid-write leaves the old record. */
export const writeDemoProgress = async (dataDir: string, progress: DemoProgress): Promise<void> => {
  await mkdir(dataDir, { recursive: true });
  const path = join(dataDir, FILE);
  await writeFile(`${path}.tmp`, JSON.stringify(progress));
  await rename(`${path}.tmp`, path);
};
