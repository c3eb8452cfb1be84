import { MatchersV3 } from '@pact-foundation/pact';
import { isoInstant, oneOf } from '../../support/matchers.ts';

const { boolean, equal, integer, like, nullValue, regex, string, uuid } = MatchersV3;

export const AVAILABILITY = 'availability';

/**
 * A CloudEvents 1.0 envelope as availability reads it (docs/events.md): the attributes it
 * validates, each pinned by shape, with `type` and `source` pinned exactly because they route it.
 */
export const envelope = (type: string, subject: { pattern: string; example: string }, data: unknown, anyOf?: readonly string[]) => ({
  specversion: equal('1.0'),
  id: uuid('6f1c1f8e-3c7e-4a55-9f7c-0b7f1d6f4d2a'),
  source: equal(`/${type.split('.')[0]}`),
  type: anyOf ? oneOf(anyOf, type) : equal(type),
  subject: regex(`^${subject.pattern}$`, subject.example),
  time: isoInstant('2026-11-22T08:00:00.000Z'),
  datacontenttype: equal('application/json'),
  version: integer(2),
  position: integer(731),
  data,
});

const episodeSubject = (id: number) => ({ pattern: '/catalogue/episodes/\\d+', example: `/catalogue/episodes/${id}` });

/** `catalogue.episode.*` data: every field availability projects (it ignores the rest). */
export const episodeData = (status: 'published' | 'withdrawn') => ({
  episodeId: integer(123456),
  programmeId: integer(1),
  programmeTitle: string('Downton Abbey'),
  channel: string('ITV'),
  title: string('Series 3, Episode 2'),
  status: equal(status),
});

/** A catalogue episode event of `type`. */
export const episodeEvent = (type: string, status: 'published' | 'withdrawn') =>
  envelope(type, episodeSubject(123456), episodeData(status));

/** `catalogue.programme.published`: skipped by the projection, but its envelope must still validate. */
export const programmeEvent = () =>
  envelope(
    'catalogue.programme.published',
    { pattern: '/catalogue/programmes/\\d+', example: '/catalogue/programmes/1' },
    like({ programmeId: integer(1) }),
  );

/** `guidance.episode.guidance-set`, restricted with a message or not restricted with none. */
export const guidanceEvent = (restricted: boolean) =>
  envelope(
    'guidance.episode.guidance-set',
    { pattern: '/guidance/episodes/\\d+', example: '/guidance/episodes/123456' },
    {
      episodeId: integer(123456),
      restricted: boolean(restricted),
      message: restricted ? string('Contains Strong Language') : nullValue(),
    },
  );

/** The three licence events: all carry the licence's full state, so a feed can pin them alike. */
export const LICENCE_TYPES = ['licencing.licence.granted', 'licencing.licence.window-amended', 'licencing.licence.revoked'] as const;

/** A licence event of `type` (or, on a feed, any licence event): the licence's full state. */
export const licenceEvent = (type: string, status: 'active' | 'revoked' | 'any') =>
  envelope(
    type,
    { pattern: '/licencing/licences/[0-9a-f-]{36}', example: '/licencing/licences/0b0e5f3a-6b0c-4a63-9d1c-4a2f3e5d6c7b' },
    {
      licenceId: uuid('0b0e5f3a-6b0c-4a63-9d1c-4a2f3e5d6c7b'),
      episodeId: integer(123456),
      platform: regex('^[a-z][a-z0-9-]{0,31}$', 'samsung'),
      startDate: isoInstant('2013-01-04T19:30:00.000Z'),
      endDate: isoInstant('2013-01-11T19:30:00.000Z'),
      status: status === 'any' ? oneOf(['active', 'revoked'], 'active') : equal(status),
    },
    status === 'any' ? LICENCE_TYPES : undefined,
  );
