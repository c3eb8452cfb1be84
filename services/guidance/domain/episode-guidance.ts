import { GuidanceError } from './guidance-error.ts';

/** Viewer guidance for one episode: whether it is restricted, and the message viewers see. */
export interface EpisodeGuidance {
  readonly episodeId: number;
  readonly restricted: boolean;
  readonly message: string | null;
  readonly version: number;
}

/** The editor's intent: set the guidance for an episode (creating or replacing it). */
export interface SetGuidance {
  readonly episodeId: number;
  readonly restricted: boolean;
  readonly message: string | null;
  /** `create` refuses an existing guidance; `update` needs the version the editor read. */
  readonly precondition: { readonly kind: 'create' } | { readonly kind: 'update'; readonly version: number } | { readonly kind: 'none' };
}

/** Episode ids are positive whole numbers of up to ten digits. */
export const parseEpisodeId = (raw: string): number => {
  if (!/^[1-9]\d{0,9}$/.test(raw))
    throw new GuidanceError('invalid-episode-id', 'Episode ids are positive whole numbers of up to ten digits.');
  return Number(raw);
};

/**
 * Decides the new guidance from the current one (undefined when none was ever set).
 * Restricted guidance must say why; an update must name the current version; replacing
 * existing guidance without naming a version is refused so no edit is lost silently.
 */
export const decideGuidance = (current: EpisodeGuidance | undefined, command: SetGuidance): EpisodeGuidance => {
  const message = command.message?.trim() || null;
  if (command.restricted && !message)
    throw new GuidanceError(
      'message-required',
      'Restricted guidance needs a message viewers will see, such as "Contains Strong Language".',
    );
  const { precondition } = command;
  if (current && precondition.kind === 'create')
    throw new GuidanceError('guidance-already-set', 'This episode already has guidance: update it with If-Match.', current.version);
  if (current && precondition.kind === 'none')
    throw new GuidanceError(
      'precondition-required',
      'This episode already has guidance: send If-Match with the ETag you read, so no edit is lost.',
      current.version,
    );
  if (!current && precondition.kind === 'update') throw new GuidanceError('guidance-not-found', 'This episode has no guidance to update.');
  if (current && precondition.kind === 'update' && precondition.version !== current.version) {
    throw new GuidanceError('stale-version', 'The guidance changed since you read it.', current.version);
  }
  return { episodeId: command.episodeId, restricted: command.restricted, message, version: (current?.version ?? 0) + 1 };
};
