import { randomUUID } from 'node:crypto';
import { commandBody, type HalFormsTemplate } from '#platform/http/hal-forms';
import type { Hal } from './episode-view.ts';
import type { Conflict, EpisodePageState } from './pages/episode-page.ts';
import type { FormState } from './pages/forms.ts';
import type { Editor, TrackedChange } from './session.ts';
import { serviceOf, type Upstream } from './upstream.ts';

/** What the editor posted: which template of which resource, the ETag they read, and the values. */
export interface PostedCommand {
  readonly resource: string;
  readonly template: string;
  readonly episodeId: number;
  readonly formId: string;
  readonly etag?: string;
  readonly idempotencyKey?: string;
  readonly confirmMissingEpisode: boolean;
  readonly values: Readonly<Record<string, string>>;
}

/** Saved (follow the change), or shown again with what went wrong beside the fields. */
export type CommandOutcome =
  | { readonly kind: 'saved'; readonly change: TrackedChange }
  | { readonly kind: 'refused'; readonly status: number; readonly state: EpisodePageState };

interface Problem {
  title?: string;
  detail?: string;
  code?: string;
  errors?: { path?: (string | number)[]; message?: string }[];
  _links?: Record<string, { href: string }>;
}

const EDITABLE = new Set(['catalogue', 'guidance', 'licencing']);

const refused = (status: number, formId: string, form: FormState, extra: Partial<EpisodePageState> = {}): CommandOutcome => ({
  kind: 'refused',
  status,
  state: { forms: { [formId]: form }, ...extra },
});

/** The service's problem, beside the field it names (by the error's path, else by the detail naming a field). */
const problemForm = (problem: Problem | undefined, template: HalFormsTemplate, values: Readonly<Record<string, string>>): FormState => {
  const fieldErrors: Record<string, string> = {};
  for (const error of problem?.errors ?? []) {
    const field = String(error.path?.[0] ?? '');
    if (template.properties.some((p) => p.name === field)) fieldErrors[field] = error.message ?? 'invalid';
  }
  const named = template.properties.find((p) => problem?.detail?.includes(p.name));
  if (Object.keys(fieldErrors).length === 0 && named && problem?.detail) fieldErrors[named.name] = problem.detail;
  const existing = problem?._links?.existing?.href;
  const formError = [problem?.title, problem?.detail, existing ? `The existing licence: ${existing}` : ''].filter(Boolean).join(': ');
  return { values, fieldErrors, formError };
};

const shown = (value: unknown) => (value === undefined || value === null ? '' : String(value));

/** What changed under the editor: every field of the template whose value now differs from what they sent. */
const conflictOf = (resource: string, current: Hal | undefined, template: HalFormsTemplate, body: Record<string, unknown>): Conflict => ({
  resource,
  rows: template.properties
    .filter((p) => shown(current?.[p.name]) !== shown(body[p.name]))
    .map((p) => ({ field: p.name, now: shown(current?.[p.name]), yours: shown(body[p.name]) }))
    .concat(current?.status === 'revoked' ? [{ field: 'status', now: 'revoked', yours: 'active' }] : []),
});

/** The resource version an ETag names, the view suffix (`"7-forms"`) aside. */
const versionOf = (etag: string | null | undefined) => Number(/^"(\d+)(?:-html|-forms)?"$/.exec(etag ?? '')?.[1] ?? 0);

/**
 * Sends one command the way its HAL-FORMS template describes it, as the signed-in editor: the
 * template is read again from the service (never trusted from the browser), the body is built
 * from it, an update carries the ETag the editor read as If-Match, and a grant its
 * Idempotency-Key. A grant for an episode the catalogue does not hold needs the editor's
 * confirmation first. A 412 shows what changed instead of retrying: nothing is overwritten.
 */
export const sendCommand = async (upstream: Upstream, editor: Editor, posted: PostedCommand): Promise<CommandOutcome> => {
  const service = serviceOf(posted.resource);
  if (!service || !EDITABLE.has(service)) return refused(400, posted.formId, { formError: 'This resource offers no commands.' });
  const read = await upstream.get<Hal>(posted.resource);
  const template = read.body?._templates?.[posted.template];
  if (!template)
    return refused(409, posted.formId, { formError: 'This command is no longer offered: the resource changed. Reload the episode.' });
  const body = commandBody(template, posted.values);
  const isGrant = template.method === 'POST' && template.target === '/licencing/licences';
  if (isGrant && !posted.confirmMissingEpisode) {
    const episode = await upstream.get(`/catalogue/episodes/${String(body.episodeId ?? '')}`, 'application/hal+json');
    if (episode.status === 404)
      return refused(409, posted.formId, {
        values: posted.values,
        formError: `Episode ${String(body.episodeId)} is not in the catalogue. Tick "Grant it anyway" to grant it all the same.`,
      });
  }
  const headers: Record<string, string> = {};
  if (isGrant) headers['idempotency-key'] = posted.idempotencyKey ?? randomUUID();
  else if (posted.etag) headers['if-match'] = posted.etag;
  // The form was drawn from nothing (no ETag: an episode or guidance not there yet): create it
  // only if it is still absent, so a colleague's made meanwhile is a 412 shown, never overwritten.
  else headers['if-none-match'] = '*';
  const answer = await upstream.send<Hal & Problem>(
    editor,
    template.method,
    template.target,
    template.properties.length || template.method !== 'POST' ? body : undefined,
    headers,
  );
  if (answer.status === 412) {
    const current = await upstream.get<Hal>(posted.resource, 'application/hal+json');
    return { kind: 'refused', status: 412, state: { conflict: conflictOf(posted.resource, current.body, template, body) } };
  }
  if (answer.status >= 400) return refused(answer.status, posted.formId, problemForm(answer.body, template, posted.values));
  const subject = isGrant ? (answer.headers.get('location') ?? String(answer.body?._links?.self?.href)) : posted.resource;
  return {
    kind: 'saved',
    change: {
      id: randomUUID(),
      episodeId: posted.episodeId,
      service: service as TrackedChange['service'],
      subject,
      version: versionOf(answer.etag),
      what: template.title,
      savedAt: Date.now(),
      liveAt: {},
      cacheUntil: {},
    },
  };
};
