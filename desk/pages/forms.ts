import type { HalFormsProperty, HalFormsTemplate } from '#platform/http/hal-forms';
import { escapeHtml } from '#platform/http/html';

/** What the editor sent and what the service said about it, to show beside each field. */
export interface FormState {
  readonly values?: Readonly<Record<string, string>>;
  readonly fieldErrors?: Readonly<Record<string, string>>;
  readonly formError?: string;
}

const attr = (name: string, value: unknown) =>
  value === undefined || value === null || value === false ? '' : value === true ? ` ${name}` : ` ${name}="${escapeHtml(value)}"`;

const fieldId = (formId: string, name: string) => `${formId}-${name}`;

const control = (formId: string, p: HalFormsProperty, value: string | undefined, error: string | undefined): string => {
  const id = fieldId(formId, p.name);
  const common = `id="${escapeHtml(id)}" name="${escapeHtml(p.name)}"${attr('required', p.required && p.type !== 'checkbox')}${error ? ` aria-invalid="true" aria-describedby="${escapeHtml(id)}-error"` : ''}`;
  if (p.options) {
    const options = p.options.inline.map((o) => `<option${attr('selected', o === value)}>${escapeHtml(o)}</option>`).join('');
    return `<select ${common}><option value="">choose…</option>${options}</select>`;
  }
  if (p.type === 'checkbox') return `<input type="checkbox" ${common}${attr('checked', value === 'on' || value === 'true')}>`;
  if (p.type === 'textarea')
    return `<textarea ${common} rows="3" cols="60"${attr('maxlength', p.maxLength)}>${escapeHtml(value ?? '')}</textarea>`;
  const type = p.type === 'number' ? 'number' : 'text';
  return `<input type="${type}" ${common}${attr('value', value)}${attr('pattern', p.type === 'number' ? undefined : p.regex)}${attr('min', p.min)}${attr('max', p.max)}${attr('maxlength', p.maxLength)}${attr('placeholder', p.placeholder)} autocomplete="off">`;
};

const initial = (p: HalFormsProperty): string | undefined =>
  p.value === undefined ? undefined : p.type === 'checkbox' ? (p.value === true ? 'on' : undefined) : String(p.value);

/**
 * An HTML form built from a HAL-FORMS template: one labelled control per property, typed,
 * required, patterned and bounded as the template says, the service's error beside its field.
 * It posts to the desk (the browser holds no token), with the hidden fields the desk needs to
 * send the command: which resource and template, the ETag read, the CSRF token.
 */
export const templateForm = (
  formId: string,
  template: HalFormsTemplate,
  hidden: Readonly<Record<string, string>>,
  state: FormState = {},
  extra = '',
): string => {
  const fields = template.properties
    .filter((p) => !p.readOnly)
    .map((p) => {
      const value = state.values ? state.values[p.name] : initial(p);
      const error = state.fieldErrors?.[p.name];
      const label = escapeHtml(p.prompt ?? p.name);
      const message = error
        ? `<span class="problem" id="${escapeHtml(fieldId(formId, p.name))}-error" role="alert">${escapeHtml(error)}</span>`
        : '';
      return `<label for="${escapeHtml(fieldId(formId, p.name))}">${label}${p.required && p.type !== 'checkbox' ? ' (required)' : ''}</label>${control(formId, p, value, error)} ${message}`;
    })
    .join('');
  const hiddenFields = Object.entries(hidden)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const formError = state.formError ? `<p class="problem" role="alert">${escapeHtml(state.formError)}</p>` : '';
  return `<form method="post" action="/desk/commands" id="${escapeHtml(formId)}" aria-label="${escapeHtml(template.title)}"><fieldset><legend>${escapeHtml(template.title)}</legend>${formError}${hiddenFields}${fields}${extra}<button type="submit">${escapeHtml(template.title)}</button></fieldset></form>`;
};
