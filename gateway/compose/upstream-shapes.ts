import { z } from 'zod';

const link = z.object({ href: z.string() });

/**
 * One production as availability lists it: ids, facts and links to the domain resources.
 * `title` is the programme's (what availability searches and sorts A to Z), `episodeTitle`
 * the episode's own.
 */
export const productionShape = z.object({
  episodeId: z.number(),
  programmeId: z.number().nullish(),
  title: z.string().nullish(),
  episodeTitle: z.string().nullish(),
  available: z.boolean(),
  availableFrom: z.string().nullish(),
  availableUntil: z.string().nullish(),
  restricted: z.boolean().nullish(),
  licenceIds: z.array(z.string()).optional(),
  group: z.string().optional(),
  _links: z.object({ catalogue: link.optional(), guidance: link.optional(), licences: link.optional() }).loose(),
});

const alphabeticalGroup = z.object({ letter: z.string(), count: z.number() });

export const availabilityPageShape = z.object({
  total: z.number().default(0),
  groups: z.array(alphabeticalGroup).optional(),
  _embedded: z.object({ productions: z.array(productionShape) }).default({ productions: [] }),
});

export const catalogueEpisodeShape = z.object({
  episodeId: z.number(),
  programmeId: z.number().nullish(),
  programmeTitle: z.string().nullish(),
  channel: z.string().nullish(),
  title: z.string().nullish(),
  synopsis: z.string().nullish(),
  seriesNumber: z.number().nullish(),
  orderInSeries: z.number().nullish(),
  orderInProgramme: z.number().nullish(),
  durationSeconds: z.number().nullish(),
  status: z.string().nullish(),
});

export const guidanceShape = z.object({ restricted: z.boolean(), message: z.string().nullish() });

export type Production = z.output<typeof productionShape>;
export type CatalogueEpisode = z.output<typeof catalogueEpisodeShape>;
export type Guidance = z.output<typeof guidanceShape>;
export type AlphabeticalGroup = z.output<typeof alphabeticalGroup>;

const parsed = new WeakMap<object, unknown>();
const INVALID = Symbol('invalid');

/**
 * Validates an upstream body once per cached object: bodies are shared and immutable, so a warm
 * page re-uses the parse instead of paying it on every request. Undefined when it does not fit.
 */
export const parseOnce = <S extends z.ZodType>(schema: S, body: unknown): z.output<S> | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  let value = parsed.get(body);
  if (value === undefined) {
    const result = schema.safeParse(body);
    value = result.success ? result.data : INVALID;
    parsed.set(body, value);
  }
  return value === INVALID ? undefined : (value as z.output<S>);
};
