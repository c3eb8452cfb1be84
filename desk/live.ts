import type { TrackedChange } from './session.ts';
import type { Upstream } from './upstream.ts';

/** The gateway media type the desk reads each platform's answer with. */
export const GATEWAY_MEDIA_TYPE = 'application/vnd.itv.ctv.production.v1+hal+json';

export interface PlatformLive {
  readonly platform: string;
  readonly live: boolean;
  readonly liveAt?: number;
  /** Until when a cache downstream of the gateway may still hold the answer from before the change. */
  readonly cacheMayServeOldUntil?: number;
  readonly detail: string;
}

export interface LiveReport {
  readonly position?: number;
  readonly availabilityPosition?: number;
  readonly applied: boolean;
  readonly appliedAt?: number;
  readonly platforms: readonly PlatformLive[];
  readonly allLiveAt?: number;
}

/** A feed page: each item holds its CloudEvent under `event` (older feeds held it bare). */
interface FeedPage {
  _embedded?: { events?: ({ version: number; position: number } & { event?: { version: number; position: number } })[] };
}
interface Status {
  sources?: { source: string; position: number }[];
}
interface Facts {
  available?: boolean;
  restricted?: boolean;
  licenceIds?: string[];
  title?: string | null;
}

const maxAge = (headers: Headers): number => Number(/max-age=(\d+)/.exec(headers.get('cache-control') ?? '')?.[1] ?? 0);
const sameIds = (a: readonly string[] = [], b: readonly string[] = []) =>
  a.length === b.length && [...a].sort().every((id, i) => id === [...b].sort()[i]);

/**
 * Whether one platform's gateway answer carries what the owners say now: availability's
 * decision (available, the licences forming it, restricted) and, for a catalogue change, the
 * catalogue's title. The gateway never re-derives these, so equality means the change arrived.
 */
const platformFacts = async (
  upstream: Upstream,
  change: TrackedChange,
  platform: string,
): Promise<{ live: boolean; detail: string; maxAge: number }> => {
  const id = change.episodeId;
  const [gateway, availability, catalogue] = await Promise.all([
    upstream.get<Facts>(`/vod/${platform}/episodes/${id}`, GATEWAY_MEDIA_TYPE),
    upstream.get<Facts>(`/availability/episodes/${id}?platform=${platform}`, 'application/hal+json'),
    change.service === 'catalogue' ? upstream.get<Facts>(`/catalogue/episodes/${id}`, 'application/hal+json') : Promise.resolve(undefined),
  ]);
  const age = maxAge(gateway.headers);
  if (availability.status === 404)
    return {
      live: gateway.status === 404,
      detail: gateway.status === 404 ? 'not offered, as availability says' : 'the gateway still offers it',
      maxAge: age,
    };
  if (gateway.status !== 200 || !gateway.body || !availability.body)
    return { live: false, detail: `the gateway answered ${gateway.status}`, maxAge: age };
  const g = gateway.body;
  const a = availability.body;
  const mismatches = [
    g.available !== a.available ? 'available' : '',
    g.restricted !== a.restricted ? 'restricted' : '',
    !sameIds(g.licenceIds, a.licenceIds) ? 'licences' : '',
    catalogue?.body && catalogue.body.title !== g.title ? 'title' : '',
  ].filter(Boolean);
  return {
    live: mismatches.length === 0,
    detail: mismatches.length
      ? `still differs: ${mismatches.join(', ')}`
      : `${a.available ? 'available' : 'not available'}${a.restricted ? ', restricted' : ''}`,
    maxAge: age,
  };
};

/**
 * Follows a saved change on its way: its position in its service's log (from the feed, by
 * subject and version), when availability applied it (its position in /availability/status),
 * and, from then on, when each platform's gateway answer reflects it. Records the first time
 * each was seen on `change`, so the report says when, not only whether.
 */
export const observeChange = async (
  upstream: Upstream,
  change: TrackedChange,
  platforms: readonly string[],
  now = Date.now,
): Promise<LiveReport> => {
  if (change.position === undefined) {
    const feed = await upstream.get<FeedPage>(
      `/${change.service}/events?subject=${encodeURIComponent(change.subject)}&limit=1000`,
      'application/hal+json',
    );
    change.position = feed.body?._embedded?.events?.map((item) => item.event ?? item).find((e) => e.version === change.version)?.position;
  }
  const status = await upstream.get<Status>('/availability/status', 'application/hal+json');
  const availabilityPosition = status.body?.sources?.find((s) => s.source === change.service)?.position;
  const applied = change.position !== undefined && availabilityPosition !== undefined && availabilityPosition >= change.position;
  if (applied && change.appliedAt === undefined) change.appliedAt = now();
  const results = await Promise.all(
    platforms.map(async (platform): Promise<PlatformLive> => {
      if (!applied) return { platform, live: false, detail: 'waiting for availability' };
      if (change.liveAt[platform] === undefined) {
        const facts = await platformFacts(upstream, change, platform).catch(() => ({
          live: false,
          detail: 'the gateway did not answer',
          maxAge: 0,
        }));
        if (!facts.live) return { platform, live: false, detail: facts.detail };
        change.liveAt[platform] = now();
        change.cacheUntil[platform] = change.liveAt[platform]! + facts.maxAge * 1000;
      }
      return {
        platform,
        live: true,
        liveAt: change.liveAt[platform]!,
        cacheMayServeOldUntil: change.cacheUntil[platform]!,
        detail: 'live',
      };
    }),
  );
  const allLive = results.every((r) => r.live);
  return {
    ...(change.position === undefined ? {} : { position: change.position }),
    ...(availabilityPosition === undefined ? {} : { availabilityPosition }),
    applied,
    ...(change.appliedAt === undefined ? {} : { appliedAt: change.appliedAt }),
    platforms: results,
    ...(allLive ? { allLiveAt: Math.max(...results.map((r) => r.liveAt ?? 0)) } : {}),
  };
};
