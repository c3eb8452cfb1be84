import type { HalFormsProperty, HalFormsTemplates, TemplatesFor } from '#platform/http/hal-forms';
import type { HalLink, HalResource } from '#platform/http/hal';

/** An ISO 8601 instant naming its zone, as the domain parses it (licence-window.ts says why no local times). */
const INSTANT = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,3})?)?(Z|[+-]\\d{2}:\\d{2})$';

const instant = (name: 'startDate' | 'endDate', prompt: string, value?: unknown): HalFormsProperty => ({
  name,
  prompt,
  type: 'text',
  required: true,
  regex: INSTANT,
  placeholder: '2027-01-01T00:00:00Z',
  ...(typeof value === 'string' ? { value } : {}),
});

const href = (resource: HalResource, rel: string): string | undefined => {
  const link = resource._links[rel] as HalLink | HalLink[] | undefined;
  return (Array.isArray(link) ? link[0] : link)?.href;
};

/** The grant command, with the configured platforms as its options; pre-filled with an episode when known. */
const grant = (platforms: readonly string[], episodeId?: number): HalFormsTemplates[string] => ({
  title: 'Grant a licence',
  method: 'POST',
  target: '/licencing/licences',
  contentType: 'application/json',
  properties: [
    {
      name: 'episodeId',
      prompt: 'Episode id',
      type: 'number',
      required: true,
      regex: '^[1-9]\\d{0,9}$',
      min: 1,
      max: 9_999_999_999,
      ...(episodeId ? { value: episodeId } : {}),
    },
    { name: 'platform', prompt: 'Platform', type: 'text', required: true, options: { inline: platforms, maxItems: 1 } },
    instant('startDate', 'Window opens (ISO instant with zone)'),
    instant('endDate', 'Window closes (ISO instant with zone, after it opens)'),
  ],
});

const LICENCE = /^\/licencing\/licences\/[^/]+$/;

/**
 * The commands licencing resources offer, as HAL-FORMS: the collection and the root offer a
 * grant; an active licence offers to amend its window (with If-Match) and to revoke it.
 */
export const licencingTemplates =
  (platforms: readonly string[]): TemplatesFor =>
  (resource, path): HalFormsTemplates | undefined => {
    if (path === '/licencing' || path === '/licencing/') return { default: grant(platforms) };
    if (path === '/licencing/licences') {
      const episode = /[?&]episode=(\d+)/.exec(href(resource, 'self') ?? '');
      return { default: grant(platforms, episode ? Number(episode[1]) : undefined) };
    }
    if (!LICENCE.test(path)) return undefined;
    const window = href(resource, 'window');
    const revocation = href(resource, 'revocation');
    if (!window || !revocation) return {};
    return {
      default: {
        title: 'Amend the window',
        method: 'PUT',
        target: window,
        contentType: 'application/json',
        properties: [instant('startDate', 'Window opens', resource.startDate), instant('endDate', 'Window closes', resource.endDate)],
      },
      revoke: { title: 'Revoke the licence', method: 'POST', target: revocation, properties: [] },
    };
  };
