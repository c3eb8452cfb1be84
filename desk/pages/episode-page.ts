import type { HalFormsTemplate } from '#platform/http/hal-forms';
import { escapeHtml } from '#platform/http/html';
import type { EpisodeView, Hal } from '../episode-view.ts';
import type { Session } from '../session.ts';
import { templateForm, type FormState } from './forms.ts';
import { when } from './layout.ts';

/** A precondition failure: what the editor sent against what the resource holds now. */
export interface Conflict {
  readonly resource: string;
  readonly rows: readonly { readonly field: string; readonly now: string; readonly yours: string }[];
}

export interface EpisodePageState {
  readonly forms?: Readonly<Record<string, FormState>>;
  readonly conflict?: Conflict;
  readonly notice?: string;
}

/** A stable id for the form of one template of one resource. */
export const formIdOf = (resource: string, template: string): string =>
  `form-${resource.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '')}-${template}`;

/** The version an ETag names, without the view's suffix (`"3-forms"` is version 3). */
const version = (etag: string | undefined) => /^"(\d+)/.exec(etag ?? '')?.[1] ?? '?';

const facts = (body: Hal | undefined, keys: readonly string[]): string =>
  body
    ? `<dl>${keys
        .filter((k) => body[k] !== undefined)
        .map((k) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(body[k] === null ? 'none' : body[k])}</dd>`)
        .join('')}</dl>`
    : '';

const forms = (
  session: Session,
  episodeId: number,
  resource: string,
  body: Hal | undefined,
  etag: string | undefined,
  state: EpisodePageState,
  extra: (name: string, t: HalFormsTemplate) => string = () => '',
  idempotencyKey?: string,
): string =>
  Object.entries(body?._templates ?? {})
    .map(([name, template]) => {
      const id = formIdOf(resource, name);
      const hidden: Record<string, string> = {
        csrf: session.csrf,
        resource,
        template: name,
        episode: String(episodeId),
        formId: id,
        ...(etag ? { etag } : {}),
        ...(idempotencyKey ? { idempotencyKey } : {}),
      };
      return templateForm(id, template, hidden, state.forms?.[id], extra(name, template));
    })
    .join('');

const catalogueCard = (session: Session, view: EpisodeView, state: EpisodePageState): string => {
  const { catalogue } = view;
  if (catalogue.status === 404)
    return `<section class="card" aria-labelledby="h-catalogue"><h2 id="h-catalogue">Catalogue</h2><p class="problem" role="status">Episode ${view.episodeId} is not (yet) in the catalogue.</p>${forms(session, view.episodeId, `/catalogue/episodes/${view.episodeId}`, catalogue.body, undefined, state)}</section>`;
  const body = catalogue.body;
  return `<section class="card" aria-labelledby="h-catalogue"><h2 id="h-catalogue">Catalogue</h2>${facts(body, ['programmeTitle', 'title', 'status', 'channel', 'seriesNumber', 'orderInSeries', 'synopsis'])}<p class="muted">version ${escapeHtml(version(catalogue.etag))}</p>${forms(session, view.episodeId, `/catalogue/episodes/${view.episodeId}`, body, catalogue.etag, state)}</section>`;
};

const guidanceCard = (session: Session, view: EpisodeView, state: EpisodePageState): string => {
  const { guidance } = view;
  if (guidance.status === 404)
    return `<section class="card" aria-labelledby="h-guidance"><h2 id="h-guidance">Guidance</h2><p>No guidance is set for this episode.</p>${forms(session, view.episodeId, `/guidance/episodes/${view.episodeId}`, guidance.body, undefined, state)}</section>`;
  return `<section class="card" aria-labelledby="h-guidance"><h2 id="h-guidance">Guidance</h2>${facts(guidance.body, ['restricted', 'message'])}<p class="muted">version ${escapeHtml(version(guidance.etag))}</p>${forms(session, view.episodeId, `/guidance/episodes/${view.episodeId}`, guidance.body, guidance.etag, state)}</section>`;
};

const licencesCard = (session: Session, view: EpisodeView, state: EpisodePageState, idempotencyKey: string): string => {
  const items = view.licences.body?._embedded?.licences ?? [];
  const rows = view.platforms
    .map((platform) => {
      const mine = items.filter((l) => l.platform === platform);
      const cells = mine.length
        ? mine
            .map((l) => `${escapeHtml(l.startDate)} → ${escapeHtml(l.endDate)} <span class="muted">(${escapeHtml(l.status)})</span>`)
            .join('<br>')
        : '<em>none</em>';
      return `<tr><th scope="row">${escapeHtml(platform)}</th><td>${cells}</td></tr>`;
    })
    .join('');
  const perLicence = view.licenceDetails
    .map((answer) => {
      const body = answer.body;
      const self = String(body?._links?.self?.href ?? '');
      return `<details><summary>${escapeHtml(body?.platform)} ${escapeHtml(body?.startDate)} → ${escapeHtml(body?.endDate)}</summary>${forms(session, view.episodeId, self, body, answer.etag, state)}</details>`;
    })
    .join('');
  const missing = view.catalogue.status === 404;
  const confirm = () =>
    missing
      ? `<p class="problem" role="note">Warning: episode ${view.episodeId} is not in the catalogue. Licences may precede publication, but check the id.</p><label><input type="checkbox" name="confirmMissingEpisode" required> Grant it anyway</label>`
      : '';
  const collection = `/licencing/licences?episode=${view.episodeId}&size=100`;
  return `<section class="card" aria-labelledby="h-licences"><h2 id="h-licences">Licences per platform</h2><table><thead><tr><th scope="col">Platform</th><th scope="col">Windows</th></tr></thead><tbody>${rows}</tbody></table>${perLicence}${forms(session, view.episodeId, collection, view.licences.body, undefined, state, confirm, idempotencyKey)}</section>`;
};

const availabilityCell = (answer: Hal | undefined): string => {
  if (!answer) return '<em>unknown</em>';
  const window = answer.window as { startDate?: string; endDate?: string } | undefined;
  const state = answer.available ? '<strong class="ok">available</strong>' : '<strong>not available</strong>';
  return `${state}${answer.restricted ? ', restricted' : ''}<br><span class="muted">${escapeHtml(answer.explanation ?? answer.reason ?? '')}</span>${window?.startDate ? `<br>${escapeHtml(window.startDate)} → ${escapeHtml(window.endDate ?? '')}` : ''}`;
};

const availabilityCard = (view: EpisodeView): string => {
  const rows = view.platforms
    .map(
      (p) =>
        `<tr><th scope="row">${escapeHtml(p)}</th><td>${availabilityCell(view.now[p]?.body)}</td>${view.atInstant ? `<td>${availabilityCell(view.atInstant[p]?.body)}</td>` : ''}</tr>`,
    )
    .join('');
  const preview = `<form method="get" action="/desk/episodes/${view.episodeId}" aria-label="Preview at an instant"><label for="at">Preview at (ISO instant, e.g. ${escapeHtml(when(Date.now() + 86_400_000))})</label> <input id="at" name="at" value="${escapeHtml(view.at ?? '')}" autocomplete="off"> <button type="submit">Preview</button></form>`;
  return `<section class="card" aria-labelledby="h-availability"><h2 id="h-availability">Availability per platform</h2>${preview}<table><thead><tr><th scope="col">Platform</th><th scope="col">Now</th>${view.at ? `<th scope="col">At ${escapeHtml(view.at)}</th>` : ''}</tr></thead><tbody>${rows}</tbody></table></section>`;
};

const historySection = (view: EpisodeView): string =>
  `<section aria-labelledby="h-history"><h2 id="h-history">Edit history</h2>${
    view.history.length
      ? `<table><thead><tr><th scope="col">When</th><th scope="col">What</th><th scope="col">Who</th><th scope="col">Resource</th></tr></thead><tbody>${view.history
          .map(
            (h) =>
              `<tr><td>${escapeHtml(h.time)}</td><td>${escapeHtml(h.type)} (v${escapeHtml(h.version)})</td><td>${escapeHtml(h.editor ?? 'unknown')}</td><td><a href="${escapeHtml(h.subject)}">${escapeHtml(h.subject)}</a></td></tr>`,
          )
          .join('')}</tbody></table>`
      : '<p>No changes recorded.</p>'
  }</section>`;

const conflictBox = (conflict: Conflict | undefined, episodeId: number): string =>
  conflict
    ? `<section class="card" role="alert" aria-labelledby="h-conflict"><h2 id="h-conflict" class="problem">Someone else changed this first</h2><p>${escapeHtml(conflict.resource)} changed since you read it. Nothing was saved: your edit would have overwritten theirs.</p><table><thead><tr><th scope="col">Field</th><th scope="col">Now</th><th scope="col">Yours</th></tr></thead><tbody>${conflict.rows
        .map((r) => `<tr><td>${escapeHtml(r.field)}</td><td>${escapeHtml(r.now)}</td><td>${escapeHtml(r.yours)}</td></tr>`)
        .join(
          '',
        )}</tbody></table><p><a href="/desk/episodes/${episodeId}">Reload the episode</a> and apply your edit again if it still stands.</p></section>`
    : '';

/** The episode page: catalogue, guidance, licences and availability side by side, then its history. */
export const episodePage = (session: Session, view: EpisodeView, state: EpisodePageState, idempotencyKey: string): string =>
  `${state.notice ? `<p class="ok" role="status">${escapeHtml(state.notice)}</p>` : ''}${conflictBox(state.conflict, view.episodeId)}<div class="cols">${catalogueCard(session, view, state)}${guidanceCard(session, view, state)}${licencesCard(session, view, state, idempotencyKey)}${availabilityCard(view)}</div>${historySection(view)}`;

/** The page title: the programme and episode titles when the catalogue knows them. */
export const episodeTitle = (view: EpisodeView): string =>
  view.catalogue.body
    ? `${String(view.catalogue.body.programmeTitle ?? '')}: ${String(view.catalogue.body.title ?? '')} (episode ${view.episodeId})`
    : `Episode ${view.episodeId}`;
