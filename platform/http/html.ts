import { createHash } from 'node:crypto';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and quoted attributes: every value a page shows is untrusted. */
export const escapeHtml = (value: unknown): string => String(value).replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** Only root-relative hrefs become clickable; anything else is shown as text, never followed. */
export const isSafeHref = (href: string): boolean => /^\/(?!\/)[^\s\\]*$/.test(href);

/** The one stylesheet of the platform's pages, inlined and allowed by its hash alone. */
export const PAGE_STYLE =
  'body{font:16px/1.5 system-ui,sans-serif;margin:1.5rem;max-width:72rem;color:#111;background:#fff}' +
  'dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dt{font-weight:600}' +
  'section{border-top:1px solid #bbb;margin-top:1rem;padding-top:.5rem}a{color:#0645ad}' +
  'code{background:#f3f3f3;padding:0 .2rem}form{margin:.5rem 0}label{display:block;margin:.3rem 0}' +
  'input,select,textarea,button{font:inherit;padding:.2rem .4rem}button{cursor:pointer}' +
  '.cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(16rem,1fr));gap:1rem}' +
  '.card{border:1px solid #bbb;border-radius:.3rem;padding:.5rem 1rem}' +
  '.problem{color:#8a1000;font-weight:600}.ok{color:#0a5a0a;font-weight:600}.muted{color:#555}' +
  'table{border-collapse:collapse}td,th{border:1px solid #bbb;padding:.2rem .5rem;text-align:left}' +
  'nav a{margin-right:1rem}';

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** The CSP source allowing the platform's one stylesheet, for a component that sets its own policy. */
export const PAGE_STYLE_SOURCE = hash(PAGE_STYLE);

/**
 * A strict Content-Security-Policy for the platform's HTML: no script at all, only the page's
 * own style (by hash), forms only to this origin, never framed.
 */
export const PAGE_CSP = `default-src 'none'; style-src ${PAGE_STYLE_SOURCE}; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`;

/** Headers every HTML page of the platform carries. */
export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};

/** A whole page: a title, the style, and a body made of already escaped HTML. */
export const htmlDocument = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body>${body}</body></html>`;
