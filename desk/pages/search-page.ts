import { escapeHtml } from '#platform/http/html';
import type { Hal } from '../episode-view.ts';

/** Programmes whose title matches, each leading to its episodes. */
export const programmesList = (q: string, programmes: readonly Hal[], total: number): string =>
  `<p>${total} programme${total === 1 ? '' : 's'} match “${escapeHtml(q)}”.</p><ul>${programmes
    .map(
      (p) =>
        `<li><a href="/desk/programmes/${escapeHtml(p.programmeId)}">${escapeHtml(p.title)}</a> <span class="muted">(${escapeHtml(p.channel)}, programme ${escapeHtml(p.programmeId)})</span></li>`,
    )
    .join('')}</ul>`;

/** A programme's episodes in running order, each leading to its episode page. */
export const episodesList = (episodes: readonly Hal[]): string =>
  `<table><caption>Episodes in running order</caption><thead><tr><th scope="col">Episode</th><th scope="col">Title</th><th scope="col">Status</th></tr></thead><tbody>${episodes
    .map(
      (e) =>
        `<tr><td><a href="/desk/episodes/${escapeHtml(e.episodeId)}">${escapeHtml(e.episodeId)}</a></td><td>${escapeHtml(e.title)}</td><td>${escapeHtml(e.status)}</td></tr>`,
    )
    .join('')}</tbody></table>`;
