import type { Upstreams } from '../upstream/upstreams.ts';
import { askAvailability } from './ask-availability.ts';
import { mapBounded } from './bounded.ts';
import type { ComposedPage, ComposedProduction } from './composed.ts';
import { composeProduction } from './compose-production.ts';
import { validityOf, type Validity } from './parts.ts';
import { availabilityPageShape, parseOnce, productionShape } from './upstream-shapes.ts';
import { UpstreamError } from '../upstream/upstream-error.ts';
import { availabilityUnavailable } from './ask-availability.ts';

export interface EpisodesQuery {
  readonly platform: string;
  readonly channel?: string;
  readonly q?: string;
  readonly grouping?: 'alphabetical';
  readonly available?: 'true' | 'false' | 'any';
  readonly page: number;
  readonly size: number;
}

export interface ComposeDeps {
  readonly upstreams: Upstreams;
  readonly concurrency: number;
  readonly deadline: number;
  /** Ask every upstream again rather than answer from the part cache: the edge refetching after a purge. */
  readonly revalidate?: boolean;
  /** The client platform composed for, named in the upstream calls' logs and metrics. */
  readonly platform?: string;
}

const malformed = () => availabilityUnavailable(new UpstreamError('availability', 'bad-body'));

const follower =
  ({ upstreams, deadline, revalidate, platform }: ComposeDeps) =>
  (href: string) =>
    upstreams.follow(href, deadline, revalidate, platform);

/** The list use case: ask availability for the page, then compose every production on it. */
export const composeEpisodes = async (deps: ComposeDeps, query: EpisodesQuery): Promise<{ page: ComposedPage; validity: Validity }> => {
  const search = new URLSearchParams({ platform: query.platform });
  for (const key of ['channel', 'q', 'grouping'] as const) if (query[key]) search.set(key, query[key]!);
  // Availability filters from its indexes; `any` is the gateway's word for asking it no filter.
  if (query.available === 'true' || query.available === 'false') search.set('available', query.available);
  search.set('page', String(query.page));
  search.set('size', String(query.size));
  const answer = await askAvailability(() =>
    deps.upstreams.clients.availability.get(`/availability/episodes?${search}`, deps.deadline, deps.revalidate, deps.platform),
  );
  const body = parseOnce(availabilityPageShape, answer.body);
  if (!body) throw malformed();
  const validity = validityOf(answer);
  const follow = follower(deps);
  const productions = await mapBounded(body._embedded.productions, deps.concurrency, (p) => composeProduction(follow, p, validity));
  return { page: { productions, total: body.total, page: query.page, size: query.size, groups: body.groups }, validity };
};

/** The one-episode use case: availability's facts for this platform, then the domain parts. */
export const composeEpisode = async (
  deps: ComposeDeps,
  platform: string,
  episodeId: number,
): Promise<{ production: ComposedProduction; validity: Validity }> => {
  const answer = await askAvailability(() =>
    deps.upstreams.clients.availability.get(
      `/availability/episodes/${episodeId}?platform=${encodeURIComponent(platform)}`,
      deps.deadline,
      deps.revalidate,
      deps.platform,
    ),
  );
  const production = parseOnce(productionShape, answer.body);
  if (!production) throw malformed();
  const validity = validityOf(answer);
  return { production: await composeProduction(follower(deps), production, validity), validity };
};
