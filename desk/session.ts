import { randomBytes, timingSafeEqual } from 'node:crypto';
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

/**
 * Desk sessions, server side: the browser holds only a random id in an HttpOnly, SameSite=Lax
 * cookie scoped to `/desk`, never a token. Each session has a CSRF token that every form
 * carries and every state change checks. In memory: one desk process (or sticky sessions).
 */
export const createSessions = (secureCookies: boolean) => {
  const sessions = new Map<string, Session>();
  const setCookie = (ctx: Context, id: string) =>
    ctx.cookies.set(SESSION_COOKIE, id, { httpOnly: true, sameSite: 'lax', path: '/desk', secure: secureCookies, overwrite: true, maxAge: IDLE_MS });
  const sweep = (now: number) => {
    if (sessions.size < MAX_SESSIONS) return;
    for (const [id, s] of sessions) if (now - s.lastSeen > IDLE_MS || sessions.size >= MAX_SESSIONS) sessions.delete(id);
  };
  const fresh = (ctx: Context, init: Partial<Session> = {}): Session => {
    const now = Date.now();
    sweep(now);
    const session: Session = { id: token(), csrf: token(), changes: new Map(), lastSeen: now, ...init };
    sessions.set(session.id, session);
    setCookie(ctx, session.id);
    return session;
  };
  return {
    /** The request's session, or a new anonymous one (with a cookie) when it has none. */
    of(ctx: Context): Session {
      const id = ctx.cookies.get(SESSION_COOKIE);
      const found = id ? sessions.get(id) : undefined;
      if (found && Date.now() - found.lastSeen < IDLE_MS) {
        found.lastSeen = Date.now();
        return found;
      }
      return fresh(ctx);
    },
    /** Replaces the session (a new id on every sign-in and sign-out, against fixation). */
    replace(ctx: Context, old: Session, init: Partial<Session>): Session {
      sessions.delete(old.id);
      return fresh(ctx, init);
    },
    /** Whether a submitted CSRF token is the session's. */
    csrfOk(session: Session, submitted: string | undefined): boolean {
      if (!submitted || submitted.length !== session.csrf.length) return false;
      return timingSafeEqual(Buffer.from(submitted), Buffer.from(session.csrf));
    },
  };
};

export type Sessions = ReturnType<typeof createSessions>;
