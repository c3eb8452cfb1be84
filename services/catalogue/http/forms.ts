import type { HalFormsProperty, HalFormsTemplates, TemplatesFor } from '#platform/http/hal-forms';
import type { HalLink } from '#platform/http/hal';
import { LIMITS } from './schemas.ts';

const EPISODE = /^\/catalogue\/episodes\/\d+$/;

const valueOf = (value: unknown) => (typeof value === 'string' || typeof value === 'number' ? { value } : {});
const text = (name: string, prompt: string, max: number, value: unknown): HalFormsProperty => ({
  name,
  prompt,
  type: 'text',
  required: true,
  maxLength: max,
  ...valueOf(value),
});
const count = (name: string, prompt: string, max: number, value: unknown): HalFormsProperty => ({
  name,
  prompt,
  type: 'number',
  required: true,
  min: 1,
  max,
  regex: '^[1-9]\\d*$',
  ...valueOf(value),
});

/**
 * The commands an episode offers, as HAL-FORMS: revise it (or republish it once withdrawn) with
 * If-Match, and, while published, withdraw it; at an episode id the catalogue does not hold yet
 * (a 404), publish a new episode there (If-None-Match: *). Other catalogue resources offer none here.
 */
export const catalogueTemplates: TemplatesFor = (resource, path, absent): HalFormsTemplates | undefined => {
  if (!EPISODE.test(path)) return path.startsWith('/catalogue') ? {} : undefined;
  if (absent) resource = { _links: resource._links };
  const withdrawal = resource._links.withdrawal as HalLink | undefined;
  return {
    default: {
      title: absent ? 'Publish a new episode' : resource.status === 'withdrawn' ? 'Republish the episode' : 'Revise the episode',
      method: 'PUT',
      target: path,
      contentType: 'application/json',
      properties: [
        {
          name: 'programmeId',
          prompt: 'Programme id',
          type: 'number',
          required: true,
          min: 1,
          regex: '^[1-9]\\d{0,9}$',
          ...valueOf(resource.programmeId),
        },
        text('title', 'Title', LIMITS.title, resource.title),
        { ...text('synopsis', 'Synopsis', LIMITS.synopsis, resource.synopsis), type: 'textarea' },
        count('seriesNumber', 'Series number', LIMITS.seriesNumber, resource.seriesNumber),
        count('orderInSeries', 'Order in series', LIMITS.order, resource.orderInSeries),
        count('orderInProgramme', 'Order in programme', LIMITS.order, resource.orderInProgramme),
        count('durationSeconds', 'Duration (seconds)', LIMITS.durationSeconds, resource.durationSeconds),
      ],
    },
    ...(withdrawal
      ? { withdraw: { title: 'Withdraw the episode', method: 'POST' as const, target: withdrawal.href, properties: [] } }
      : {}),
  };
};
