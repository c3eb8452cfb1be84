import { PactV4, type V3MockServer } from '@pact-foundation/pact';
import { PACT_DIR } from './pact-files.ts';

/**
 * A V4 pact between `consumer` and `provider`, written to contracts/pacts. V4 holds HTTP and
 * asynchronous-message interactions in one file, so one pair is one file whatever it uses.
 */
export const consumerPact = (consumer: string, provider: string) => new PactV4({ consumer, provider, dir: PACT_DIR, logLevel: 'error' });

/** An interaction ready to run: V4's last builder step before `executeTest`. */
export interface Runnable {
  executeTest<T>(testFn: (mockServer: V3MockServer) => Promise<T>): Promise<T | undefined>;
}

/**
 * Runs `fn` with one mock server per interaction, all up at once, so a consumer that talks to
 * several providers in one operation (the gateway composing a page) is tested as it runs.
 * Each mock server checks its own interaction was met, and its pact is written only then.
 */
export const withMockServers = async <T>(interactions: readonly Runnable[], fn: (urls: string[]) => Promise<T>): Promise<T> => {
  const run = async (index: number, urls: string[]): Promise<T> => {
    const next = interactions[index];
    if (!next) return fn(urls);
    return (await next.executeTest((server) => run(index + 1, [...urls, server.url]))) as T;
  };
  return run(0, []);
};
