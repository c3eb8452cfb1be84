import type { Middleware } from 'koa';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource, templated } from '#platform/http/hal';
import { HttpProblem } from '#platform/http/problem';

/** The service roots a gateway's origin always serves: each is either in this process or passed through by the gateway. */
const SERVICE_ROOTS = { catalogue: '/catalogue', guidance: '/guidance', licencing: '/licencing', availability: '/availability' } as const;

/**
 * `GET /`: the platform root, where a HAL client (or a person with a browser) starts. It links
 * the gateway's `/vod` and every service root, all of which resolve on this origin whatever the
 * deployment (the services in the same process, or the gateway's read-only passthroughs),
 * and the editors' desk at `/desk` when it is in this process, or runs in one of its own whose
 * origin is known (`desk.origin`): `/desk` and below then redirect a browser there. Answered ahead of the routers with one string compare, so no other request pays for it.
 */
export const platformRoot = (
  platforms: readonly string[],
  desk: { readonly here: boolean; readonly origin?: string } = { here: false },
): Middleware => {
  const deskOrigin = desk.here ? undefined : desk.origin;
  const body = halResource({ title: 'VOD availability platform' }, '/', {
    vod: { href: '/vod', title: 'Episodes per client platform (versioned media types)' },
    episodes: platforms.map((p) => templated(`/vod/${p}/episodes{?channel,q,grouping,available,page}`, p)),
    ...Object.fromEntries(Object.entries(SERVICE_ROOTS).map(([name, href]) => [name, { href, title: `The ${name} service` }])),
    ...(desk.here || deskOrigin
      ? { desk: { href: '/desk', title: "The editors' desk: sign in to change the catalogue, guidance and licences" } }
      : {}),
  });
  return (ctx, next) => {
    if (deskOrigin && (ctx.path === '/desk' || ctx.path.startsWith('/desk/')) && (ctx.method === 'GET' || ctx.method === 'HEAD')) {
      ctx.status = 302;
      ctx.redirect(`${deskOrigin}${ctx.url}`);
      return undefined;
    }
    if (ctx.path !== '/') return next();
    (ctx as { _matchedRoute?: string })._matchedRoute = '/';
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      throw new HttpProblem(405, 'Method Not Allowed', 'The platform root is read-only.');
    }
    sendRepresentation(ctx, { body, contentType: HAL_JSON, cacheControl: 'public, max-age=3600' });
    return undefined;
  };
};
