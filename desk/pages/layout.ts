import { escapeHtml, htmlDocument } from '#platform/http/html';
import type { Session } from '../session.ts';

/**
 * A desk page: who is signed in (and a sign-out form carrying the CSRF token), the search box,
 * then the page's own content. `refreshSeconds` reloads the page (no script: the CSP forbids
 * it) while something the editor waits for is on its way.
 */
export const deskPage = (title: string, session: Session, body: string, refreshSeconds?: number): string => {
  const editor = session.editor;
  const who = editor
    ? `<p>Signed in as <strong>${escapeHtml(editor.name)}</strong> (<code>${escapeHtml(editor.sub)}</code>; roles: ${escapeHtml(editor.roles.join(', ') || 'none')})</p><form method="post" action="/desk/sign-out"><input type="hidden" name="csrf" value="${escapeHtml(session.csrf)}"><button type="submit">Sign out</button></form>`
    : '<p><a href="/desk/sign-in">Sign in</a></p>';
  const search = editor
    ? `<form method="get" action="/desk" role="search" aria-label="Find a programme"><label for="q">Find a programme by title</label> <input id="q" name="q" type="search" autocomplete="off"> <button type="submit">Find</button></form>` +
      `<form method="get" action="/desk/episodes" aria-label="Open an episode"><label for="episode-id">Or open an episode by id</label> <input id="episode-id" name="id" inputmode="numeric" pattern="[0-9]{1,10}" autocomplete="off"> <button type="submit">Open</button></form>`
    : '';
  const head = refreshSeconds ? `<meta http-equiv="refresh" content="${refreshSeconds}">` : '';
  const html = htmlDocument(
    title,
    `<header><nav aria-label="desk"><a href="/desk">Editors' desk</a><a href="/">Platform</a></nav>${who}${search}</header><main><h1>${escapeHtml(title)}</h1>${body}</main>`,
  );
  return head ? html.replace('<meta charset="utf-8">', `<meta charset="utf-8">${head}`) : html;
};

/** A short instant for people: ISO to the second, in UTC. */
export const when = (ms: number | string | undefined): string =>
  ms === undefined ? '' : new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
