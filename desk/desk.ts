import { randomBytes } from 'node:crypto';
import Router from '@koa/router';
import type { Context, Middleware } from 'koa';
import type { Logger } from 'pino';
import type { TokenSettings } from '#platform/auth/tokens';
import { PAGE_HEADERS } from '#platform/http/html';
import { sendCommand } from './commands.ts';
import type { DeskConfig } from './config.ts';
import { loadEpisodeView, type Hal } from './episode-view.ts';
import { observeChange } from './live.ts';
import { createSignIn } from './oidc/sign-in.ts';
import { episodePage, episodeTitle, type EpisodePageState } from './pages/episode-page.ts';
import { deskPage } from './pages/layout.ts';
import { livePage } from './pages/live-page.ts';
import { episodesList, programmesList } from './pages/search-page.ts';
import { createSessions, type Session } from './session.ts';
import { createUpstream, type ServiceName } from './upstream.ts';

export interface DeskDeps {
  readonly config: DeskConfig;
  readonly auth: TokenSettings;
  readonly logger: Logger;
  /** Where each service is served; in one process, the process's own origin. */
  readonly origins: () => Readonly<Record<ServiceName, string>>;
  /** The process's own origin once it listens: the default public URL and local issuer. */
  readonly ownOrigin: () => string;
  /** Where sessions are kept across restarts (unset: in memory only). */
  readonly sessionsFile?: string;
}

const FORM_LIMIT = 64 * 1024;

const readForm = async (ctx: Context): Promise<URLSearchParams> => {
  if (!ctx.is('application/x-www-form-urlencoded')) ctx.throw(415, 'Send the form as application/x-www-form-urlencoded.');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length;
    if (size > FORM_LIMIT) ctx.throw(413, 'The form is too large.');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
};

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;
const HIDDEN = new Set(['csrf', 'resource', 'template', 'episode', 'formId', 'etag', 'idempotencyKey', 'confirmMissingEpisode']);

/**
 * The editors' desk: its own component, mounted in every mode like the gateway, reaching the
 * services only over HTTP. Editors sign in with OpenID Connect (the platform's local provider
 * unless `DESK_OIDC_ISSUER` names another), find a programme, open an episode, and change it
 * through forms built from the services' HAL-FORMS templates, then watch the change go live.
 */
export const createDesk = ({ config, auth, logger, origins, ownOrigin, sessionsFile }: DeskDeps) => {
  const publicUrl = () => config.DESK_PUBLIC_URL ?? ownOrigin();
  const sessions = createSessions((config.DESK_PUBLIC_URL ?? '').startsWith('https://'), sessionsFile);
  let upstreamCache: ReturnType<typeof createUpstream> | undefined;
  const upstream = () => (upstreamCache ??= createUpstream({ origins: origins(), auth }));
  let signInCache: ReturnType<typeof createSignIn> | undefined;
  const signIn = () =>
    (signInCache ??= createSignIn({
      issuer: config.DESK_OIDC_ISSUER ?? `${publicUrl()}/oidc`,
      clientId: config.DESK_OIDC_CLIENT_ID,
      clientSecret: config.DESK_OIDC_CLIENT_SECRET,
      redirectUri: `${publicUrl()}/desk/callback`,
      scopes: config.DESK_OIDC_SCOPES,
      rolesClaim: config.DESK_OIDC_ROLES_CLAIM,
    }));
  const cookieKeys = [randomBytes(32).toString('base64url')];
  // Loaded on first use: oidc-provider warns on import, and a process with a real issuer never needs it.
  let providerCache: Promise<Middleware> | undefined;
  const serveProvider: Middleware = async (ctx, next) => {
    providerCache ??= import('./oidc/local-provider.ts').then(({ createLocalProvider }) =>
      createLocalProvider({
        issuer: `${publicUrl()}/oidc`,
        clientId: config.DESK_OIDC_CLIENT_ID,
        clientSecret: config.DESK_OIDC_CLIENT_SECRET,
        redirectUri: `${publicUrl()}/desk/callback`,
        postLogoutRedirectUri: `${publicUrl()}/desk`,
        cookieKeys,
      }),
    );
    return (await providerCache)(ctx, next);
  };
  // Every request passes here (it sits ahead of the routers): the others leave at once.
  const localProvider: Middleware = (ctx, next) =>
    config.DESK_OIDC_ISSUER || !(ctx.path === '/oidc' || ctx.path.startsWith('/oidc/')) ? next() : serveProvider(ctx, next);

  const page = (ctx: Context, session: Session, title: string, body: string, status = 200, refresh?: number) => {
    ctx.status = status;
    ctx.set(PAGE_HEADERS);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = deskPage(title, session, body, refresh);
  };
  /** The signed-in session, or a redirect to sign in (undefined). */
  const signedIn = (ctx: Context): Session | undefined => {
    const session = sessions.of(ctx);
    if (session.editor) return session;
    ctx.redirect('/desk/sign-in');
    return undefined;
  };
  const showEpisode = async (
    ctx: Context,
    session: Session,
    episodeId: number,
    at: string | undefined,
    state: EpisodePageState = {},
    status = 200,
  ) => {
    const view = await loadEpisodeView(upstream(), episodeId, at);
    page(ctx, session, episodeTitle(view), episodePage(session, view, state, randomBytes(16).toString('base64url')), status);
  };

  const router = new Router({ prefix: '/desk' });
  router.get('/', async (ctx) => {
    const session = sessions.of(ctx);
    if (!session.editor)
      return page(
        ctx,
        session,
        "Editors' desk",
        '<p>Editors change the catalogue, guidance and licences here, and watch their changes go live. <a href="/desk/sign-in">Sign in with your editor account</a> to start.</p>',
      );
    const q = typeof ctx.query.q === 'string' ? ctx.query.q.trim().slice(0, 200) : '';
    if (!q) return page(ctx, session, "Editors' desk", '<p>Find a programme by its title, or open an episode by its id.</p>');
    const found = await upstream().get<Hal>(`/catalogue/programmes?title=${encodeURIComponent(q)}&size=50`, 'application/hal+json');
    page(
      ctx,
      session,
      `Programmes matching “${q}”`,
      programmesList(q, found.body?._embedded?.programmes ?? [], Number(found.body?.total ?? 0)),
    );
  });
  router.get('/sign-in', async (ctx) => {
    const session = sessions.of(ctx);
    const { url, pending } = await signIn().start();
    sessions.replace(ctx, session, { pending });
    ctx.redirect(url);
  });
  router.get('/callback', async (ctx) => {
    const session = sessions.of(ctx);
    if (!session.pending)
      return page(
        ctx,
        session,
        'Sign-in expired',
        '<p>This sign-in was not started here or has expired. <a href="/desk/sign-in">Sign in again</a>.</p>',
        400,
      );
    try {
      const editor = await signIn().finish(new URL(ctx.originalUrl, publicUrl()), session.pending);
      sessions.replace(ctx, session, { editor });
      logger.info({ editor: editor.sub, roles: editor.roles }, 'editor signed in');
      ctx.redirect('/desk');
    } catch (error) {
      logger.warn({ err: error }, 'sign-in failed');
      page(
        ctx,
        session,
        'Sign-in failed',
        '<p>The identity provider did not confirm this sign-in. <a href="/desk/sign-in">Try again</a>.</p>',
        401,
      );
    }
  });
  router.post('/sign-out', async (ctx) => {
    const session = sessions.of(ctx);
    const form = await readForm(ctx);
    if (!sessions.csrfOk(session, form.get('csrf') ?? undefined)) ctx.throw(403, 'The form is stale or forged: reload the page.');
    sessions.replace(ctx, session, {});
    ctx.redirect('/desk');
  });
  router.get('/programmes/:id', async (ctx) => {
    const session = signedIn(ctx);
    if (!session) return;
    const id = /^\d{1,10}$/.test(ctx.params.id!) ? ctx.params.id! : ctx.throw(400, 'A programme id is a whole number.');
    const [programme, episodes] = await Promise.all([
      upstream().get<Hal>(`/catalogue/programmes/${id}`, 'application/hal+json'),
      upstream().get<Hal>(`/catalogue/programmes/${id}/episodes?size=100`, 'application/hal+json'),
    ]);
    if (programme.status !== 200) return page(ctx, session, 'No such programme', `<p>Programme ${id} is not in the catalogue.</p>`, 404);
    page(ctx, session, String(programme.body?.title ?? `Programme ${id}`), episodesList(episodes.body?._embedded?.episodes ?? []));
  });
  router.get('/episodes', (ctx) => {
    const id = String(ctx.query.id ?? '');
    if (!/^\d{1,10}$/.test(id)) ctx.throw(400, 'An episode id is a whole number.');
    ctx.redirect(`/desk/episodes/${id}`);
  });
  router.get('/episodes/:id', async (ctx) => {
    const session = signedIn(ctx);
    if (!session) return;
    if (!/^\d{1,10}$/.test(ctx.params.id!)) ctx.throw(400, 'An episode id is a whole number.');
    const at = typeof ctx.query.at === 'string' && ctx.query.at.trim() ? ctx.query.at.trim() : undefined;
    if (at && !INSTANT.test(at)) ctx.throw(400, 'Preview at an ISO instant with its zone, such as 2027-01-01T00:00:00Z.');
    await showEpisode(ctx, session, Number(ctx.params.id), at);
  });
  router.post('/commands', async (ctx) => {
    const session = signedIn(ctx);
    if (!session) return;
    const form = await readForm(ctx);
    if (!sessions.csrfOk(session, form.get('csrf') ?? undefined)) ctx.throw(403, 'The form is stale or forged: reload the page.');
    const episodeId = Number(form.get('episode'));
    const resource = form.get('resource') ?? '';
    if (!Number.isSafeInteger(episodeId) || !/^\/[A-Za-z0-9/_.:?=&-]{1,300}$/.test(resource))
      ctx.throw(400, 'The form does not name a resource.');
    const values = Object.fromEntries([...form.entries()].filter(([name]) => !HIDDEN.has(name)));
    const outcome = await sendCommand(upstream(), session.editor!, {
      resource,
      template: form.get('template') ?? '',
      episodeId,
      formId: form.get('formId') ?? '',
      ...(form.get('etag') ? { etag: form.get('etag')! } : {}),
      ...(form.get('idempotencyKey') ? { idempotencyKey: form.get('idempotencyKey')! } : {}),
      confirmMissingEpisode: form.get('confirmMissingEpisode') === 'on',
      values,
    });
    if (outcome.kind === 'refused') return showEpisode(ctx, session, episodeId, undefined, outcome.state, outcome.status);
    session.changes.set(outcome.change.id, outcome.change);
    ctx.status = 303;
    ctx.redirect(`/desk/changes/${outcome.change.id}`);
  });
  router.get('/changes/:id', async (ctx) => {
    const session = signedIn(ctx);
    if (!session) return;
    const change = session.changes.get(ctx.params.id!);
    if (!change) return page(ctx, session, 'No such change', '<p>This change is not one of yours in this session.</p>', 404);
    const view = await upstream().get<Hal>(`/licencing/licences?episode=${change.episodeId}&size=1`);
    const platforms = view.body?._templates?.default?.properties.find((p) => p.name === 'platform')?.options?.inline ?? [];
    const report = await observeChange(upstream(), change, platforms);
    page(ctx, session, `${change.what}: live or not yet`, livePage(change, report), 200, report.allLiveAt ? undefined : 1);
  });

  return {
    name: 'desk' as const,
    routers: [router],
    middleware: [localProvider],
    readiness: {},
    start: () => undefined,
    stop: () => sessions.flush(),
  };
};
