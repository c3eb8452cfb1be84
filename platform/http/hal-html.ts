import type { HalFormsTemplate, HalFormsTemplates } from './hal-forms.ts';
import type { HalLink, HalResource } from './hal.ts';
import { escapeHtml, htmlDocument, isSafeHref } from './html.ts';
import { WHOLE_PLATFORM_NAV, type NavLink } from './page-nav.ts';

/** A link template whose variables are all query variables (`/x{?a,b}`), so a GET form can fill it. */
const queryTemplate = (href: string): { action: string; names: string[] } | undefined => {
  const match = /^([^{}]*)\{\?([A-Za-z0-9_,]+)\}$/.exec(href);
  if (!match || !isSafeHref(match[1]!)) return undefined;
  return { action: match[1]!, names: match[2]!.split(',') };
};

const getForm = (rel: string, link: HalLink): string => {
  const template = queryTemplate(link.href);
  if (!template) return `<li>${escapeHtml(rel)}: ${escapeHtml(link.title ?? '')} <code>${escapeHtml(link.href)}</code></li>`;
  const fields = template.names
    .map((name) => `<label>${escapeHtml(name)} <input name="${escapeHtml(name)}" autocomplete="off"></label>`)
    .join('');
  return `<li><form method="get" action="${escapeHtml(template.action)}" aria-label="${escapeHtml(rel)}"><strong>${escapeHtml(rel)}</strong>: ${escapeHtml(link.title ?? link.href)}${fields}<button type="submit">Go</button></form></li>`;
};

const renderLink = (rel: string, link: HalLink): string => {
  if (link.templated) return getForm(rel, link);
  const label = `${escapeHtml(rel)}: ${escapeHtml(link.title ?? link.href)}`;
  return isSafeHref(link.href) ? `<li><a rel="${escapeHtml(rel)}" href="${escapeHtml(link.href)}">${label}</a></li>` : `<li>${label}</li>`;
};

const renderLinks = (links: Record<string, HalLink | HalLink[]> | undefined): string => {
  const items = Object.entries(links ?? {}).flatMap(([rel, value]) =>
    (Array.isArray(value) ? value : [value]).map((link) => renderLink(rel, link)),
  );
  return items.length ? `<ul class="links">${items.join('')}</ul>` : '';
};

const renderValue = (value: unknown): string => {
  if (value === null || value === undefined) return '<em>none</em>';
  if (Array.isArray(value)) return `<ul>${value.map((v) => `<li>${renderValue(v)}</li>`).join('')}</ul>`;
  if (typeof value === 'object') return renderProperties(value as Record<string, unknown>);
  return escapeHtml(value);
};

const renderProperties = (properties: Record<string, unknown>): string => {
  const rows = Object.entries(properties).filter(([key]) => !key.startsWith('_'));
  return rows.length ? `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${renderValue(v)}</dd>`).join('')}</dl>` : '';
};

const describeField = (template: HalFormsTemplate): string =>
  template.properties
    .map((p) => {
      const facts = [
        p.type ?? 'text',
        p.required ? 'required' : 'optional',
        p.regex ? `pattern ${p.regex}` : '',
        p.options ? `one of ${p.options.inline.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      return `<tr><td><code>${escapeHtml(p.name)}</code></td><td>${escapeHtml(p.prompt ?? '')}</td><td>${escapeHtml(facts)}</td></tr>`;
    })
    .join('');

/** Commands are described, not submitted: they need a bearer token and JSON (the desk sends them). */
const renderTemplates = (templates: HalFormsTemplates | undefined, desk: NavLink | undefined): string => {
  const entries = Object.entries(templates ?? {});
  if (entries.length === 0) return '';
  const items = entries.map(
    ([name, t]) =>
      `<section><h3>${escapeHtml(t.title)} <small class="muted">(${escapeHtml(name)})</small></h3><p><code>${escapeHtml(t.method)} ${escapeHtml(t.target)}</code>${t.contentType ? ` as <code>${escapeHtml(t.contentType)}</code>` : ''}</p>` +
      (t.properties.length
        ? `<table><thead><tr><th>field</th><th>meaning</th><th>rules</th></tr></thead><tbody>${describeField(t)}</tbody></table>`
        : '<p>No fields.</p>') +
      '</section>',
  );
  return `<section><h2>Commands</h2><p class="muted">Described as HAL-FORMS (ask with <code>Accept: application/prs.hal-forms+json</code>); editors use them from the ${desk ? `<a href="${escapeHtml(desk.href)}">desk</a>` : 'desk'}.</p>${items.join('')}</section>`;
};

const selfHref = (resource: HalResource): string | undefined => {
  const self = resource._links?.self;
  return (Array.isArray(self) ? self[0] : self)?.href;
};

const renderResource = (resource: HalResource, depth: number): string => {
  const heading = `h${Math.min(6, depth + 2)}`;
  const self = selfHref(resource);
  const title = typeof resource.title === 'string' ? resource.title : self;
  const name = self && isSafeHref(self) ? `<a href="${escapeHtml(self)}">${escapeHtml(title ?? self)}</a>` : escapeHtml(title ?? '');
  const embedded = Object.entries(resource._embedded ?? {})
    .map(
      ([rel, items]) =>
        `<section><${heading}>${escapeHtml(rel)} (${items.length})</${heading}>${items.map((r) => `<section>${renderResource(r, depth + 1)}</section>`).join('')}</section>`,
    )
    .join('');
  return `<${heading}>${name}</${heading}>${renderProperties(resource)}${renderLinks(resource._links)}${embedded}`;
};

/**
 * The same HAL resource for a browser: properties as definition lists, links as anchors,
 * templated links as GET forms, embedded resources as sections, and the commands the resource
 * offers as HAL-FORMS descriptions. Every value is escaped and only root-relative links are
 * clickable, so nothing a resource holds can inject markup or send the reader elsewhere. The
 * header links `nav`: the parts of the platform a browser reaches from this process
 * (`pageNavOf(ctx)`), so that no link in it is dead.
 */
export const halHtmlPage = (
  path: string,
  resource: HalResource,
  templates?: HalFormsTemplates,
  nav: readonly NavLink[] = WHOLE_PLATFORM_NAV,
): string => {
  const self = selfHref(resource) ?? path;
  const title = typeof resource.title === 'string' ? `${resource.title} (${self})` : self;
  const links = nav.map((link) => `<a href="${escapeHtml(link.href)}">${escapeHtml(link.label)}</a>`).join('');
  const desk = nav.find((link) => link.part === 'desk');
  return htmlDocument(
    title,
    `<header><nav aria-label="platform">${links}</nav></header>` +
      `<main><h1>${escapeHtml(self)}</h1>${renderResource(resource, 0)}${renderTemplates(templates, desk)}</main>`,
  );
};
