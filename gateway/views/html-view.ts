import { createHash } from 'node:crypto';
import type { HalLink, HalResource } from '../../platform/http/hal.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attributes: everything from upstreams is untrusted. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Only root-relative hrefs become clickable; anything else is shown as text, never as a link. */
const safeHref = (href: string) => /^\/(?!\/)[^\s]*$/.test(href);

const STYLE = 'body{font:16px/1.5 system-ui,sans-serif;margin:2rem;max-width:60rem;color:#111}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}section{border-top:1px solid #ccc;margin-top:1rem;padding-top:.5rem}a{color:#0645ad}';

/** The CSP hash of the page's only style, so the policy can forbid every other inline style or script. */
export const HTML_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

const renderLinks = (links: Record<string, HalLink | HalLink[]>): string => {
  const items = Object.entries(links).flatMap(([rel, value]) =>
    (Array.isArray(value) ? value : [value]).map((link) => {
      const label = `${escapeHtml(rel)}: ${escapeHtml(link.title ?? link.href)}`;
      return safeHref(link.href) && !link.templated ? `<li><a rel="${escapeHtml(rel)}" href="${escapeHtml(link.href)}">${label}</a></li>` : `<li>${label} <code>${escapeHtml(link.href)}</code></li>`;
    }),
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
  const rows = Object.entries(properties).filter(([key]) => key !== '_links' && key !== '_embedded');
  return rows.length ? `<dl>${rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${renderValue(v)}</dd>`).join('')}</dl>` : '';
};

const renderResource = (resource: HalResource, depth: number): string => {
  const heading = `h${Math.min(6, depth + 1)}`;
  const title = (resource.title ?? resource.letter) as string | undefined;
  const self = Array.isArray(resource._links.self) ? resource._links.self[0] : resource._links.self;
  const name = self && safeHref(self.href) ? `<a href="${escapeHtml(self.href)}">${escapeHtml(title ?? self.href)}</a>` : escapeHtml(title ?? '');
  const embedded = Object.entries(resource._embedded ?? {})
    .map(([rel, items]) => `<section><${heading}>${escapeHtml(rel)} (${items.length})</${heading}>${items.map((r) => `<section>${renderResource(r, depth + 1)}</section>`).join('')}</section>`)
    .join('');
  return `<${heading}>${name}</${heading}>${renderProperties(resource)}${renderLinks(resource._links)}${embedded}`;
};

/**
 * The same resource for a browser: properties as definition lists, HAL links as clickable
 * anchors, embedded resources as sections. Every value is escaped and only root-relative links
 * are clickable, so nothing an upstream says can inject markup or send a reader elsewhere.
 */
export const htmlPage = (heading: string, resource: HalResource): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(heading)}</title><style>${STYLE}</style></head><body><main><p>${escapeHtml(heading)}</p>${renderResource(resource, 0)}</main></body></html>`;
