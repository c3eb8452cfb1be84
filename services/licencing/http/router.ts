import Router from '@koa/router';
import type { TokenSettings } from '#platform/auth/tokens';
import { sendRepresentation } from '#platform/http/conditional';
import { HAL_JSON, halResource, templated } from '#platform/http/hal';
import type { ReadCache } from '#platform/http/read-cache';
import type { LicenceRepository } from '../domain/ports.ts';
import { amendLicenceWindowRoute } from '../use-cases/amend-licence-window/amend-licence-window.http.ts';
import type { AmendLicenceWindow } from '../use-cases/amend-licence-window/amend-licence-window.ts';
import { getLicenceRoute } from '../use-cases/get-licence/get-licence.http.ts';
import type { GetLicence } from '../use-cases/get-licence/get-licence.ts';
import { grantLicenceRoute } from '../use-cases/grant-licence/grant-licence.http.ts';
import type { GrantLicence } from '../use-cases/grant-licence/grant-licence.ts';
import { listLicencesRoute } from '../use-cases/list-licences/list-licences.http.ts';
import { revokeLicenceRoute } from '../use-cases/revoke-licence/revoke-licence.http.ts';
import type { RevokeLicence } from '../use-cases/revoke-licence/revoke-licence.ts';
import { licencingErrors } from './errors.ts';

export interface LicencingRouterDeps {
  readonly auth: TokenSettings;
  readonly cache: ReadCache<unknown>;
  readonly repository: LicenceRepository;
  readonly platforms: readonly [string, ...string[]];
  readonly grantLicence: GrantLicence;
  readonly revokeLicence: RevokeLicence;
  readonly amendLicenceWindow: AmendLicenceWindow;
  readonly getLicence: GetLicence;
}

/** The root document: a HAL client can reach every read and command of the service from here. */
const rootDocument = (platforms: readonly string[]) =>
  halResource(
    { title: 'Licencing', description: 'Licence windows per episode and platform: when each platform may show each episode.', platforms },
    '/licencing',
    {
      licences: templated(
        '/licencing/licences{?episode,platform,page,size}',
        'Licences, by episode and/or platform, paged (POST to grant one, role licencing:write)',
      ),
      licence: templated('/licencing/licences/{id}', 'One licence'),
      window: templated('/licencing/licences/{id}/window', "PUT a licence's new window with If-Match (role licencing:write)"),
      revocation: templated('/licencing/licences/{id}/revocation', 'POST with If-Match to revoke a licence (role licencing:write)'),
      events: templated('/licencing/events{?after,limit,subject}', "The ordered event feed; with subject, one resource's edit history"),
      event: templated('/licencing/events/{position}', 'One event of the feed, by its log position'),
    },
  );

/** Every route under `/licencing`: the root document, reads, and the editors' commands. */
export const createLicencingRouter = (deps: LicencingRouterDeps): Router => {
  const router = new Router({ prefix: '/licencing' });
  const root = rootDocument(deps.platforms);
  router.use(licencingErrors);
  router.get('/', (ctx) => sendRepresentation(ctx, { body: root, contentType: HAL_JSON, cacheControl: 'public, max-age=3600' }));
  listLicencesRoute(router, deps.cache, deps.repository, deps.platforms);
  grantLicenceRoute(router, deps.auth, deps.grantLicence);
  getLicenceRoute(router, deps.cache, deps.getLicence);
  revokeLicenceRoute(router, deps.auth, deps.revokeLicence);
  amendLicenceWindowRoute(router, deps.auth, deps.amendLicenceWindow);
  return router;
};
