import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Where consumer tests write pacts and providers read them: committed, reviewed like code. */
export const PACT_DIR = join(here, '..', 'pacts');

/** Where Pact's native core writes its logs; gitignored. */
export const LOG_DIR = join(here, '..', 'logs');

/** The file Pact writes for one consumer/provider pair (`<consumer>-<provider>.json`). */
export const pactFile = (consumer: string, provider: string) => join(PACT_DIR, `${consumer}-${provider}.json`);

/**
 * Deletes a pair's pact before its consumer test writes it again. Pact merges interactions
 * into an existing file, so without this a renamed or removed interaction would linger and
 * providers would keep verifying something no consumer does any more.
 */
export const resetPact = (consumer: string, provider: string): void => {
  mkdirSync(PACT_DIR, { recursive: true });
  rmSync(pactFile(consumer, provider), { force: true });
};

/** One interaction as a pact file records it: what the gate lists row by row. */
export interface PactInteraction {
  readonly type: string;
  readonly description: string;
  readonly providerStates?: readonly { readonly name: string; readonly params?: Record<string, unknown> }[];
}

/** A pact file as read back from disk. */
export interface PactDocument {
  readonly file: string;
  readonly consumer: string;
  readonly provider: string;
  readonly interactions: readonly PactInteraction[];
}

/** Every pact in the repository, optionally only those naming `provider`. */
export const readPacts = (provider?: string): PactDocument[] => {
  mkdirSync(PACT_DIR, { recursive: true });
  return readdirSync(PACT_DIR)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) => {
      const file = join(PACT_DIR, name);
      const json = JSON.parse(readFileSync(file, 'utf8')) as {
        consumer: { name: string };
        provider: { name: string };
        interactions: PactInteraction[];
      };
      return { file, consumer: json.consumer.name, provider: json.provider.name, interactions: json.interactions };
    })
    .filter((pact) => provider === undefined || pact.provider === provider);
};
