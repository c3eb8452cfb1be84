import type Router from '@koa/router';
import type { ReadCache } from '#platform/http/read-cache';
import { parseProgrammeId } from '../../domain/ids.ts';
import type { Programme } from '../../domain/programme.ts';
import { sendProgramme } from '../../http/representations.ts';
import type { GetProgramme } from './get-programme.ts';

/** `GET /catalogue/programmes/:id`: public, cached until the service's next write. */
export const getProgrammeRoute = (router: Router, cache: ReadCache<unknown>, getProgramme: GetProgramme) =>
  router.get('/programmes/:id', async (ctx) => {
    const programmeId = parseProgrammeId(ctx.params.id!);
    const programme = (await cache.get(`programme:${programmeId}`, () => getProgramme(programmeId))) as Programme;
    sendProgramme(ctx, programme);
  });
