import { CatalogueError } from './catalogue-error.ts';

/** What a publish command asks for: create only, update at the version read, or neither. */
export type Precondition = { readonly kind: 'create' } | { readonly kind: 'update'; readonly version: number } | { readonly kind: 'none' };

interface Versioned {
  readonly version: number;
}

/** Names the resource in the errors a precondition check raises. */
export interface PreconditionSubject {
  readonly noun: 'programme' | 'episode';
  readonly alreadyPublished: 'programme-already-published' | 'episode-already-published';
  readonly notFound: 'programme-not-found' | 'episode-not-found';
}

/**
 * Checks a create-or-update precondition against the current state (undefined: none yet).
 * Replacing an existing resource without naming a version is refused (428) so no edit is lost
 * silently; a stale version is 412 with the current one, so the editor can re-read and retry.
 */
export const checkPrecondition = (current: Versioned | undefined, precondition: Precondition, subject: PreconditionSubject): void => {
  const { noun } = subject;
  if (current && precondition.kind === 'create')
    throw new CatalogueError(subject.alreadyPublished, `This ${noun} is already published: revise it with If-Match.`, current.version);
  if (current && precondition.kind === 'none') {
    throw new CatalogueError(
      'precondition-required',
      `This ${noun} is already published: send If-Match with the ETag you read, so no edit is lost.`,
      current.version,
    );
  }
  if (!current && precondition.kind === 'update') throw new CatalogueError(subject.notFound, `There is no such ${noun} to revise.`);
  if (current && precondition.kind === 'update' && precondition.version !== current.version) {
    throw new CatalogueError('stale-version', `The ${noun} changed since you read it.`, current.version);
  }
};
