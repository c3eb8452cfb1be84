import type { Context, Middleware, Next } from 'koa';
import { HAL_FORMS, withTemplates, type TemplatesFor } from './hal-forms.ts';
import { halHtmlPage } from './hal-html.ts';
import { HAL_JSON, type HalResource } from './hal.ts';
import { PAGE_HEADERS } from './html.ts';

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

/** `"7-html"` → `"7"`, so a conditional GET of a view is answered by the route's own ETag check. */
const toRouteETags = (header: string, suffix: string): string => header.split(',').map((tag) => tag.trim().replace(new RegExp(`${suffix}"$`), '"')).join(', ');
const toViewETag = (etag: string, suffix: string): string => (etag.endsWith('"') ? `${etag.slice(0, -1)}${suffix}"` : etag);

const renderView = async (ctx: Context, next: Next, view: View, templatesFor: TemplatesFor) => {
  const suffix = SUFFIX[view];
  const inm = ctx.get('If-None-Match');
  if (inm) ctx.request.headers['if-none-match'] = toRouteETags(inm, suffix);
  await next();
  ctx.vary('Accept');
  const etag = ctx.response.get('ETag');
  if (etag) ctx.set('ETag', toViewETag(etag, suffix));
  const resource = halBody(ctx);
  if (!resource) return;
  const templates = templatesFor(resource, ctx.path);
  if (view === HAL_FORMS) {
    ctx.body = withTemplates(resource, templates);
    ctx.type = HAL_FORMS;
    return;
  }
  ctx.set(PAGE_HEADERS);
  ctx.body = halHtmlPage(ctx.path, resource, templates);
  ctx.type = 'text/html; charset=utf-8';
};

/**
 * Content negotiation for every HAL resource, at one place: at the same URL a browser
 * (`Accept: text/html`) gets an HTML page of it, and a HAL-FORMS client
 * (`application/prs.hal-forms+json`) gets it with `_templates` describing its commands. Other
 * clients pass straight through and get the route's HAL. Every answer says `Vary: Accept`, and
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
