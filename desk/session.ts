import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Context } from 'koa';

/** The signed-in editor as the identity provider named them, and the roles it gave them. */
export interface Editor {
  readonly sub: string;
  readonly name: string;
  readonly roles: readonly string[];
}

/** A change an editor saved, followed on its way to every platform (see live.ts). */
export interface TrackedChange {
  readonly id: string;
  readonly episodeId: number;
  readonly service: 'catalogue' | 'guidance' | 'licencing';
  readonly subject: string;
  readonly version: number;
  readonly what: string;
  readonly savedAt: number;
  appliedAt?: number;
  position?: number;
  readonly liveAt: Record<string, number>;
  /** Per platform: until when a cache may still serve the gateway's answer from before the change. */
  readonly cacheUntil: Record<string, number>;
}

export interface Session {
  /** The cookie's value, a bearer credential: kept in memory only, never written down. */
  readonly id: string;
  readonly csrf: string;
  readonly editor?: Editor;
  /** The OpenID transaction while signing in: state, nonce and PKCE verifier. */
  readonly pending?: { readonly state: string; readonly nonce: string; readonly verifier: string };
  readonly changes: Map<string, TrackedChange>;
  lastSeen: number;
}

export const SESSION_COOKIE = 'desk_session';
const IDLE_MS = 8 * 3600_000;
const MAX_SESSIONS = 10_000;

const token = () => randomBytes(32).toString('base64url');
/** What a session is filed under: a hash of its id, so the file holds nothing a browser could present. */
const keyOf = (id: string) => createHash('sha256').update(id).digest('base64url');

type Stored = Pick<Session, 'csrf' | 'editor' | 'pending' | 'lastSeen'>;

const load = (file: string | undefined): Map<string, Session> => {
  if (!file) return new Map();
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Stored>;
    const now = Date.now();
    return new Map(
      Object.entries(stored)
        .filter(([, s]) => now - s.lastSeen < IDLE_MS)
        .map(([key, s]) => [key, { ...s, id: '', changes: new Map() }]),
    );
  } catch {
    return new Map();
  }
};

/**
 * Desk sessions, server side: the browser holds only a random id in an HttpOnly, SameSite=Lax
 * cookie scoped to `/desk`, never a token. Each session has a CSRF token that every form
 * carries and every state change checks. Held in memory (one desk process, or sticky sessions)
 * and, given `file`, written there (by a hash of each id) so a restarted desk keeps its editors
 * signed in; the changes each follows are not kept.
 */
export const createSessions = (secureCookies: boolean, file?: string) => {
  const sessions = load(file);
  let saving: Promise<void> = Promise.resolve();
  let dirty = false;
  /** Writes the sessions once per turn of changes, one write at a time, by rename (never half a file). */
  const save = () => {
    if (!file || dirty) return;
    dirty = true;
    saving = saving
      .then(async () => {
        dirty = false;
        const stored = Object.fromEntries(
          [...sessions]
            .filter(([, s]) => s.editor || s.pending)
            .map(([key, s]) => [
              key,
              {
                csrf: s.csrf,
                lastSeen: s.lastSeen,
                ...(s.editor ? { editor: s.editor } : {}),
                ...(s.pending ? { pending: s.pending } : {}),
              } satisfies Stored,
            ]),
        );
        await mkdir(dirname(file), { recursive: true });
        await writeFile(`${file}.tmp`, JSON.stringify(stored), { mode: 0o600 });
        await rename(`${file}.tmp`, file);
      })
      .catch(() => undefined);
  };
  const setCookie = (ctx: Context, id: string) =>
    ctx.cookies.set(SESSION_COOKIE, id, {
      httpOnly: true,
      sameSite: 'lax',
      path: '/desk',
      secure: secureCookies,
      overwrite: true,
      maxAge: IDLE_MS,
    });
  const sweep = (now: number) => {
    if (sessions.size < MAX_SESSIONS) return;
    for (const [key, s] of sessions) if (now - s.lastSeen > IDLE_MS || sessions.size >= MAX_SESSIONS) sessions.delete(key);
  };
  const fresh = (ctx: Context, init: Partial<Session> = {}): Session => {
    const now = Date.now();
    sweep(now);
    const session: Session = { id: token(), csrf: token(), changes: new Map(), lastSeen: now, ...init };
    sessions.set(keyOf(session.id), session);
    setCookie(ctx, session.id);
    if (session.editor || session.pending) save();
    return session;
  };
  return {
    /** The request's session, or a new anonymous one (with a cookie) when it has none. */
    of(ctx: Context): Session {
      const id = ctx.cookies.get(SESSION_COOKIE);
      const found = id ? sessions.get(keyOf(id)) : undefined;
      if (id && found && Date.now() - found.lastSeen < IDLE_MS) {
        found.lastSeen = Date.now();
        return found.id ? found : Object.assign(found, { id });
      }
      return fresh(ctx);
    },
    /** Replaces the session (a new id on every sign-in and sign-out, against fixation). */
    replace(ctx: Context, old: Session, init: Partial<Session>): Session {
      sessions.delete(keyOf(old.id));
      save();
      return fresh(ctx, init);
    },
    /** Resolves once the sessions' last change is on disk. */
    flush: async () => {
      await saving;
    },
    /** Whether a submitted CSRF token is the session's. */
    csrfOk(session: Session, submitted: string | undefined): boolean {
      if (!submitted || submitted.length !== session.csrf.length) return false;
      return timingSafeEqual(Buffer.from(submitted), Buffer.from(session.csrf));
    },
  };
};

export type Sessions = ReturnType<typeof createSessions>;
