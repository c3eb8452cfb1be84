import type { HalFormsTemplates, TemplatesFor } from '#platform/http/hal-forms';

const EPISODE_GUIDANCE = /^\/guidance\/episodes\/\d+$/;

/**
 * The command guidance offers on an episode's guidance, as HAL-FORMS: set it (with If-Match),
 * or, for an episode that has none yet (a 404), set its first guidance (with If-None-Match: *).
 */
export const guidanceTemplates: TemplatesFor = (resource, path, absent): HalFormsTemplates | undefined => {
  if (!EPISODE_GUIDANCE.test(path)) return path.startsWith('/guidance') ? {} : undefined;
  return {
    default: {
      title: absent ? 'Set the first guidance' : 'Set the guidance',
      method: 'PUT',
      target: path,
      contentType: 'application/json',
      properties: [
        {
          name: 'restricted',
          prompt: 'Restricted (viewers are warned)',
          type: 'checkbox',
          required: true,
          value: resource.restricted === true,
        },
        {
          name: 'message',
          prompt: 'Message shown to viewers',
          type: 'text',
          required: false,
          maxLength: 200,
          ...(typeof resource.message === 'string' ? { value: resource.message } : {}),
        },
      ],
    },
  };
};
