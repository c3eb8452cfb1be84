import type { Fetched } from '../upstream/upstream-client.ts';
import type { ComposedProduction } from './composed.ts';
import { readPart, type Validity } from './parts.ts';
import { catalogueEpisodeShape, guidanceShape, type Production } from './upstream-shapes.ts';

/**
 * Follows one production's catalogue and guidance links in parallel. Its licences link is not
 * followed: availability already decided the window and the licences forming it, and the
 * gateway carries that decision rather than reading the licences to decide again.
 */
export const composeProduction = async (
  follow: (href: string) => Promise<Fetched>,
  production: Production,
  validity: Validity,
): Promise<ComposedProduction> => {
  const links = production._links;
  const [catalogue, guidance] = await Promise.all([
    readPart(follow, links.catalogue?.href, catalogueEpisodeShape, validity),
    readPart(follow, links.guidance?.href, guidanceShape, validity),
  ]);
  return { production, catalogue, guidance };
};
