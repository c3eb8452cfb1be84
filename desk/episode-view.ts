import type { HalFormsTemplates } from '#platform/http/hal-forms';
import type { Answer, Upstream } from './upstream.ts';

/** A HAL or HAL-FORMS body as the desk reads it. */
export type Hal = Record<string, unknown> & {
  _links?: Record<string, { href: string }>;
  _templates?: HalFormsTemplates;
  _embedded?: Record<string, Hal[]>;
};

export interface HistoryEntry {
  readonly service: string;
  readonly subject: string;
  readonly type: string;
  readonly time: string;
  readonly editor?: string;
  readonly version: number;
}

/** Everything the episode page shows, read side by side from the services. */
export interface EpisodeView {
  readonly episodeId: number;
  readonly catalogue: Answer<Hal>;
  readonly guidance: Answer<Hal>;
  readonly licences: Answer<Hal>;
  /** Each active licence read on its own, for its amend and revoke templates and its ETag. */
  readonly licenceDetails: readonly Answer<Hal>[];
  readonly platforms: readonly string[];
  readonly now: Readonly<Record<string, Answer<Hal>>>;
  readonly at?: string;
  readonly atInstant?: Readonly<Record<string, Answer<Hal>>>;
  readonly history: readonly HistoryEntry[];
}

const history = async (upstream: Upstream, service: string, subject: string): Promise<HistoryEntry[]> => {
  const feed = await upstream.get<Hal>(`/${service}/events?subject=${encodeURIComponent(subject)}&limit=1000`, 'application/hal+json');
  // Each feed item holds its CloudEvent under `event` (older feeds held it bare).
  const events = (feed.body?._embedded?.events ?? []).map((item) => (item.event ?? item) as unknown as HistoryEntry);
  return events.map((e) => ({
    service,
    subject: e.subject,
    type: e.type,
    time: e.time,
    version: e.version,
    ...(e.editor ? { editor: e.editor } : {}),
  }));
};

const perPlatform = async (upstream: Upstream, episodeId: number, platforms: readonly string[], at?: string) =>
  Object.fromEntries(
    await Promise.all(
      platforms.map(
        async (p) =>
          [
            p,
            await upstream.get<Hal>(
              `/availability/episodes/${episodeId}?platform=${encodeURIComponent(p)}${at ? `&at=${encodeURIComponent(at)}` : ''}`,
              'application/hal+json',
            ),
          ] as const,
      ),
    ),
  );

/** Reads an episode from every service at once; `at` adds availability's answer at that instant. */
export const loadEpisodeView = async (upstream: Upstream, episodeId: number, at?: string): Promise<EpisodeView> => {
  const [catalogue, guidance, licences] = await Promise.all([
    upstream.get<Hal>(`/catalogue/episodes/${episodeId}`),
    upstream.get<Hal>(`/guidance/episodes/${episodeId}`),
    upstream.get<Hal>(`/licencing/licences?episode=${episodeId}&size=100`),
  ]);
  const platforms = licences.body?._templates?.default?.properties.find((p) => p.name === 'platform')?.options?.inline ?? [];
  const items = licences.body?._embedded?.licences ?? [];
  const active = items.filter((l) => l.status === 'active');
  const [licenceDetails, now, atInstant, ...histories] = await Promise.all([
    Promise.all(active.map((l) => upstream.get<Hal>(String(l._links?.self?.href)))),
    perPlatform(upstream, episodeId, platforms),
    at ? perPlatform(upstream, episodeId, platforms, at) : Promise.resolve(undefined),
    history(upstream, 'catalogue', `/catalogue/episodes/${episodeId}`),
    history(upstream, 'guidance', `/guidance/episodes/${episodeId}`),
    ...items.map((l) => history(upstream, 'licencing', String(l._links?.self?.href))),
  ]);
  return {
    episodeId,
    catalogue,
    guidance,
    licences,
    licenceDetails,
    platforms,
    now,
    ...(at ? { at } : {}),
    ...(atInstant ? { atInstant } : {}),
    history: histories.flat().sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0)),
  };
};
