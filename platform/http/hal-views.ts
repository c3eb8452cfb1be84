import type { Context, Middleware, Next } from 'koa';
import { HAL_FORMS, withTemplates, type TemplatesFor } from './hal-forms.ts';
import { halHtmlPage } from './hal-html.ts';
import { HAL_JSON, type HalResource } from './hal.ts';
import { PAGE_HEADERS } from './html.ts';
import { pageNavOf } from './page-nav.ts';
import { HttpProblem } from './problem.ts';

type View = 'text/html' | typeof HAL_FORMS;
const SUFFIX: Record<View, string> = { 'text/html': '-html', [HAL_FORMS]: '-forms' };

/** The HAL body of an answer, whether a route set an object or a cache a serialised buffer. */
const halBody = (ctx: Context): HalResource | undefined => {
  if (ctx.status !== 200 && ctx.status !== 201) return undefined;
  if (!ctx.response.is(HAL_JSON)) return undefined;
  const body: unknown = ctx.body;
  if (Buffer.isBuffer(body) || typeof body === 'string') {
    try {
      return JSON.parse(body.toString()) as HalResource;
    } catch {
      return undefined;
    }
  }
  return body && typeof body === 'object' && '_links' in body ? (body as HalResource) : undefined;
};

/**
 * A 404 as the resource that is not there yet: its problem's fields and a self link, so a
 * service's templates can say how to create it at this address.
 */
const absentBody = (ctx: Context, thrown: HttpProblem | undefined): HalResource | undefined => {
  if (thrown) return { ...thrown.toJSON(ctx.path), _links: { self: { href: ctx.path } } } as HalResource;
  if (ctx.status !== 404) return undefined;
  const body: unknown = ctx.body;
  let problem: Record<string, unknown> = {};
  try {
    problem =
      Buffer.isBuffer(body) || typeof body === 'string'
        ? (JSON.parse(body.toString()) as Record<string, unknown>)
        : body && typeof body === 'object'
          ? (body as Record<string, unknown>)
          : {};
  } catch {
    problem = {};
  }
  return { ...problem, _links: { self: { href: ctx.path } } } as HalResource;
};

/** `"7-html"` → `"7"`, so a conditional GET of a view is answered by the route's own ETag check. */
const toRouteETags = (header: string, suffix: string): string =>
  header
    .split(',')
    .map((tag) => tag.trim().replace(new RegExp(`${suffix}"$`), '"'))
    .join(', ');
const toViewETag = (etag: string, suffix: string): string => (etag.endsWith('"') ? `${etag.slice(0, -1)}${suffix}"` : etag);

const renderView = async (ctx: Context, next: Next, view: View, templatesFor: TemplatesFor) => {
  const suffix = SUFFIX[view];
  const inm = ctx.get('If-None-Match');
  if (inm) ctx.request.headers['if-none-match'] = toRouteETags(inm, suffix);
  // A 404 thrown as a problem is caught here, to be answered with the templates that create it.
  let thrown: HttpProblem | undefined;
  try {
    await next();
  } catch (error) {
    if (!(error instanceof HttpProblem && error.status === 404)) throw error;
    thrown = error;
  }
  ctx.vary('Accept');
  const etag = ctx.response.get('ETag');
  if (etag) ctx.set('ETag', toViewETag(etag, suffix));
  const found = halBody(ctx);
  const absent = found ? undefined : absentBody(ctx, thrown);
  const resource = found ?? absent;
  if (!resource) return;
  const templates = templatesFor(resource, ctx.path, absent !== undefined);
  // A 404 stays the route's problem unless the service says how to create the resource there.
  if (absent && Object.keys(templates ?? {}).length === 0) {
    if (thrown) throw thrown;
    return;
  }
  if (view === HAL_FORMS) {
    ctx.body = withTemplates(resource, templates);
    ctx.type = HAL_FORMS;
  } else {
    ctx.set(PAGE_HEADERS);
    ctx.body = halHtmlPage(ctx.path, resource, templates, pageNavOf(ctx));
    ctx.type = 'text/html; charset=utf-8';
  }
  if (absent) {
    ctx.status = 404;
    ctx.set('Cache-Control', 'no-store');
  }
};

/**
 * Content negotiation for every HAL resource, at one place: at the same URL a browser
 * (`Accept: text/html`) gets an HTML page of it, and a HAL-FORMS client
 * (`application/prs.hal-forms+json`) gets it with `_templates` describing its commands. Other
 * clients pass straight through and get the route's HAL. A 404 where a resource may be created
 * (an episode, its first guidance) carries, in both views, the templates that create it. Every answer says `Vary: Accept`, and
 * a view's ETag is the route's with a suffix, so caches never mix the three.
 */
export const halViews =
  (templatesFor: TemplatesFor): Middleware =>
  (ctx, next) => {
    const accept = ctx.get('Accept');
    if (!accept.includes('html') && !accept.includes('hal-forms')) {
      return next().then(() => {
        if (String(ctx.response.get('Content-Type') ?? '').startsWith(HAL_JSON)) ctx.vary('Accept');
      });
    }
    const wanted = ctx.accepts(HAL_JSON, 'application/json', HAL_FORMS, 'text/html');
    if (wanted !== 'text/html' && wanted !== HAL_FORMS) return next().then(() => ctx.vary('Accept'));
    return renderView(ctx, next, wanted, templatesFor);
  };
