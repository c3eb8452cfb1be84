import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync, mkdirSync, renameSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/** One issued key as stored: never the key itself, only its SHA-256. */
const storedKey = z.object({
  id: z.string(),
  app: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  issuedAt: z.string(),
  revokedAt: z.string().optional(),
});
const keyFile = z.object({ keys: z.array(storedKey) });

export type StoredKey = z.output<typeof storedKey>;

/** A client app name: what per-app limits are configured by. */
export const APP_NAME = /^[a-z][a-z0-9-]{1,31}$/;

/**
 * SHA-256 of a key. A key is 32 random bytes, so a fast unsalted hash is enough: nothing
 * guessable to brute-force, and checking a request costs microseconds, not a slow KDF's
 * milliseconds on every call.
 */
export const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

const read = (path: string): StoredKey[] => {
  try {
    return keyFile.parse(JSON.parse(readFileSync(path, 'utf8'))).keys;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw new Error(`${path} is not a gateway API key file: ${(error as Error).message}`);
  }
};

const write = (path: string, keys: readonly StoredKey[]) => {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.tmp`, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${path}.tmp`, path);
};

/** The operator's side (`npm run api-keys`): issue, revoke and list keys in the key file. */
export const apiKeyFile = (path: string) => ({
  /** Issues a key for `app`; the key is answered once and only its hash is kept. */
  issue(app: string): { id: string; key: string } {
    if (!APP_NAME.test(app)) throw new Error(`an app name is 2-32 of a-z, 0-9 and -, starting with a letter (e.g. samsung-tv), not ${app}`);
    const id = randomUUID();
    const key = `vod_${randomBytes(32).toString('base64url')}`;
    write(path, [...read(path), { id, app, sha256: hashKey(key), issuedAt: new Date().toISOString() }]);
    return { id, key };
  },
  /** Revokes a key by id; false when there is no such key. */
  revoke(id: string): boolean {
    const keys = read(path);
    const found = keys.find((k) => k.id === id);
    if (!found) return false;
    write(
      path,
      keys.map((k) => (k.id === id ? { ...k, revokedAt: k.revokedAt ?? new Date().toISOString() } : k)),
    );
    return true;
  },
  list: (): StoredKey[] => read(path),
});

/**
 * The gateway's side: which app a presented key belongs to, if it is issued and not revoked.
 * The file is read again when it changes (checked at most every `recheckMs`), so an operator's
 * revocation takes effect within seconds without a restart. An unreadable file keeps the keys
 * last read (and, at start, none: every caller is then anonymous).
 */
export const createApiKeyVerifier = (path: string | undefined, recheckMs = 2_000, now = Date.now) => {
  let byHash = new Map<string, { id: string; app: string }>();
  let checkedAt = -Infinity;
  let modified = -1;
  const refresh = () => {
    if (!path || now() - checkedAt < recheckMs) return;
    checkedAt = now();
    try {
      const mtime = statSync(path).mtimeMs;
      if (mtime === modified) return;
      modified = mtime;
      byHash = new Map(
        read(path)
          .filter((k) => !k.revokedAt)
          .map((k) => [k.sha256, { id: k.id, app: k.app }]),
      );
    } catch {
      if (modified === -1) byHash = new Map();
    }
  };
  return {
    /** The app and key id of a presented key, or undefined for a missing, unknown or revoked one. */
    verify(key: string | undefined): { id: string; app: string } | undefined {
      refresh();
      if (!key || key.length > 200) return undefined;
      return byHash.get(hashKey(key));
    },
  };
};

export type ApiKeyVerifier = ReturnType<typeof createApiKeyVerifier>;
