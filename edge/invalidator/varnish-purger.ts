import { request } from 'undici';

/** Purges keys from the edge caches; throws when any of them did not confirm. */
export type Purge = (keys: readonly string[]) => Promise<number>;

/**
 * Purges by surrogate key on every Varnish in `urls` (one per edge node): a `PURGE` request with
 * the keys in `xkey-purge`, which the edge VCL lets only its ACL's networks send. Resolves with
 * the number of objects dropped; throws on a refusal, an error or a timeout, so the caller retries.
 */
export const createVarnishPurger = (urls: readonly string[], timeoutMs = 2_000): Purge => async (keys) => {
  if (keys.length === 0) return 0;
  const purged = await Promise.all(
    urls.map(async (url) => {
      const response = await request(`${url.replace(/\/$/, '')}/`, { method: 'PURGE', headers: { 'xkey-purge': keys.join(' ') }, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
      await response.body.dump();
      if (response.statusCode !== 200) throw new Error(`${url} refused the purge with ${response.statusCode}`);
      return Number(response.headers['xkey-purged'] ?? 0);
    }),
  );
  return purged.reduce((sum, n) => sum + n, 0);
};
