import type { ComposedProduction } from '../compose/composed.ts';

/** Every fact a client view may pick from, resolved once from a composed production. */
export interface ProductionFacts {
  readonly episodeId: number;
  /** The episode's own title; the programme's is `programmeTitle`. */
  readonly title: string | null;
  readonly programmeId: number | null;
  readonly programmeTitle: string | null;
  readonly channel: string | null;
  readonly synopsis: string | null;
  readonly seriesNumber: number | null;
  readonly episodeNumber: number | null;
  readonly durationSeconds: number | null;
  /** Availability's decision at the instant it answered. */
  readonly available: boolean;
  /** From guidance when known, else availability's projected flag (so parental locks never open by accident). */
  readonly restricted: boolean;
  readonly guidanceMessage: string | null;
  readonly guidanceKnown: boolean;
  /** Availability's merged window (the one that makes the episode available, or the next one that will). */
  readonly startDate: string | null;
  readonly endDate: string | null;
  /** The licences availability says form that window. */
  readonly licenceIds: readonly string[];
  /** Availability's A to Z group, present when the page was asked grouped. */
  readonly group: string | undefined;
  /** Parts whose upstream failed with nothing cached: the item says so rather than guessing. */
  readonly unknown: readonly ('catalogue' | 'guidance')[];
  readonly links: { readonly catalogue?: string; readonly guidance?: string; readonly licences?: string };
}

/**
 * Resolves the facts of one production. Availability owns whether, when and why the episode is
 * available and its A to Z group: those are carried as availability answered them, never worked
 * out again here, so a client's dates cannot depend on whether licencing is up. Editorial facts
 * come from the catalogue and guidance from guidance, each the owner of its own.
 */
export const productionFacts = ({ production: p, catalogue, guidance }: ComposedProduction): ProductionFacts => {
  const episode = catalogue.state === 'known' ? catalogue.value : undefined;
  const unknown = (['catalogue', 'guidance'] as const).filter((name) => ({ catalogue, guidance })[name].state === 'unknown');
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
    startDate: p.availableFrom ?? null,
    endDate: p.availableUntil ?? null,
    licenceIds: p.licenceIds ?? [],
    group: p.group,
    unknown,
    links: { catalogue: p._links.catalogue?.href, guidance: p._links.guidance?.href, licences: p._links.licences?.href },
  };
};
