import { request } from 'undici';

/**
 * Purges keys from the edge caches; throws when any of them did not confirm. `soft` expires
 * the answers instead of dropping them (xkey.softpurge): the next client gets the kept answer
 * once while Varnish refetches it.
 */
export type Purge = (keys: readonly string[], soft?: boolean) => Promise<number>;

/**
 * Purges by surrogate key on every Varnish in `urls` (one per edge node): a `PURGE` request with
 * the keys in `xkey-purge`, which the edge VCL lets only its ACL's networks send. Resolves with
 * the number of objects dropped; throws on a refusal, an error or a timeout, so the caller retries.
 */
export const createVarnishPurger =
  (urls: readonly string[], timeoutMs = 2_000): Purge =>
  async (keys, soft = false) => {
    if (keys.length === 0) return 0;
    const purged = await Promise.all(
      urls.map(async (url) => {
        const response = await request(`${url.replace(/\/$/, '')}/`, {
          method: 'PURGE',
          headers: { [soft ? 'xkey-softpurge' : 'xkey-purge']: keys.join(' ') },
          headersTimeout: timeoutMs,
          bodyTimeout: timeoutMs,
        });
        await response.body.dump();
        if (response.statusCode !== 200) throw new Error(`${url} refused the purge with ${response.statusCode}`);
        return Number(response.headers['xkey-purged'] ?? 0);
      }),
    );
    return purged.reduce((sum, n) => sum + n, 0);
  };
