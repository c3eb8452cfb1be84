import type { HalResource } from './hal.ts';

/** The HAL-FORMS media type: HAL plus `_templates` that describe the commands a resource offers. */
export const HAL_FORMS = 'application/prs.hal-forms+json';

/** One field of a command, as HAL-FORMS describes it; `type` is an HTML input type. */
export interface HalFormsProperty {
  readonly name: string;
  readonly prompt?: string;
  readonly type?: 'text' | 'number' | 'checkbox' | 'datetime-local' | 'textarea' | 'hidden' | 'url';
  readonly required?: boolean;
  readonly readOnly?: boolean;
  /** A regular expression the value must match (HAL-FORMS `regex`; HTML's `pattern`). */
  readonly regex?: string;
  readonly placeholder?: string;
  readonly min?: number;
  readonly max?: number;
  readonly maxLength?: number;
  readonly value?: string | number | boolean;
  /** The values the field may take, e.g. the configured platforms. */
  readonly options?: { readonly inline: readonly string[]; readonly maxItems?: number };
}

/** One command: where and how to send it, and what it carries. */
export interface HalFormsTemplate {
  readonly title: string;
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  readonly target: string;
  readonly contentType?: string;
  readonly properties: readonly HalFormsProperty[];
}

export type HalFormsTemplates = Readonly<Record<string, HalFormsTemplate>>;

/**
 * What a service says about its resources' commands: given a representation it serves, the
 * templates of the commands that resource offers now (none: undefined). Kept beside each
 * service's router, so the desk and any HAL-FORMS client build forms from the API. `absent`:
 * nothing lives at `path` yet (a 404, `resource` is the problem); the templates then say how
 * to create it there (a PUT, sent with `If-None-Match: *`), such as an episode or its first guidance.
 */
export type TemplatesFor = (resource: HalResource, path: string, absent?: boolean) => HalFormsTemplates | undefined;

/** Asks several services' describers in turn: the first that knows the resource answers. */
export const combineTemplates =
  (describers: readonly TemplatesFor[]): TemplatesFor =>
  (resource, path, absent) => {
    for (const describe of describers) {
      const templates = describe(resource, path, absent);
      if (templates) return templates;
    }
    return undefined;
  };

/** A HAL-FORMS document: the resource with its templates (HAL-FORMS names a lone one `default`). */
export const withTemplates = (resource: HalResource, templates: HalFormsTemplates | undefined): HalResource => ({
  ...resource,
  _templates: templates ?? {},
});

/** A JSON body for a template from submitted form values: numbers, booleans and strings as the template types them. */
export const commandBody = (template: HalFormsTemplate, values: Readonly<Record<string, string | undefined>>): Record<string, unknown> => {
  const body: Record<string, unknown> = {};
  for (const property of template.properties) {
    if (property.readOnly) continue;
    const raw = values[property.name];
    if (property.type === 'checkbox') body[property.name] = raw === 'on' || raw === 'true';
    else if (raw === undefined || raw === '') continue;
    else if (property.type === 'number') body[property.name] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
    else body[property.name] = raw;
  }
  return body;
};
