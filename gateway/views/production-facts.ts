import type { ComposedProduction } from '../compose/composed.ts';
import type { Licence } from '../compose/upstream-shapes.ts';

/** Every fact a client view may pick from, resolved once from a composed production. */
export interface ProductionFacts {
  readonly episodeId: number;
  /** The episode's own title; the programme's is `programmeTitle` (availability's `title`). */
  readonly title: string | null;
  readonly programmeId: number | null;
  readonly programmeTitle: string | null;
  readonly channel: string | null;
  readonly synopsis: string | null;
  readonly seriesNumber: number | null;
  readonly episodeNumber: number | null;
  readonly durationSeconds: number | null;
  readonly available: boolean;
  /** From guidance when known, else availability's projected flag (so parental locks never open by accident). */
  readonly restricted: boolean;
  readonly guidanceMessage: string | null;
  readonly guidanceKnown: boolean;
  readonly startDate: string | null;
  readonly endDate: string | null;
  readonly group: string | undefined;
  /** Parts whose upstream failed with nothing cached: the item says so rather than guessing. */
  readonly unknown: readonly ('catalogue' | 'guidance' | 'licences')[];
  readonly links: { readonly catalogue?: string; readonly guidance?: string; readonly licences?: string };
}

/** The licence window that makes the episode available (or will), per the licencing service. */
const windowOf = (licences: readonly Licence[], availableFrom: string | null | undefined, now: number) =>
  licences.find((l) => l.startDate === availableFrom) ??
  licences.find((l) => Date.parse(l.startDate) <= now && now < Date.parse(l.endDate)) ??
  [...licences].filter((l) => Date.parse(l.startDate) > now).sort((a, b) => a.startDate.localeCompare(b.startDate))[0];

/** Resolves the facts of one production, preferring each domain service's own answer. */
export const productionFacts = ({ production: p, catalogue, guidance, licences }: ComposedProduction, now = Date.now()): ProductionFacts => {
  const episode = catalogue.state === 'known' ? catalogue.value : undefined;
  const window = licences.state === 'known' ? windowOf(licences.value, p.availableFrom, now) : undefined;
  const unknown = (['catalogue', 'guidance', 'licences'] as const).filter((name) => ({ catalogue, guidance, licences })[name].state === 'unknown');
  return {
    episodeId: p.episodeId,
    title: episode?.title ?? p.episodeTitle ?? null,
    programmeId: episode?.programmeId ?? p.programmeId ?? null,
    programmeTitle: episode?.programmeTitle ?? p.title ?? null,
    channel: episode?.channel ?? null,
    synopsis: episode?.synopsis ?? null,
    seriesNumber: episode?.seriesNumber ?? null,
    episodeNumber: episode?.orderInSeries ?? null,
    durationSeconds: episode?.durationSeconds ?? null,
    available: p.available,
    restricted: guidance.state === 'known' ? guidance.value.restricted : guidance.state === 'absent' ? false : (p.restricted ?? true),
    guidanceMessage: guidance.state === 'known' ? (guidance.value.message ?? null) : null,
    guidanceKnown: guidance.state !== 'unknown',
    startDate: window?.startDate ?? p.availableFrom ?? null,
    endDate: window?.endDate ?? p.availableUntil ?? null,
    group: p.group,
    unknown,
    links: { catalogue: p._links.catalogue?.href, guidance: p._links.guidance?.href, licences: p._links.licences?.href },
  };
};
