import type { Fetched } from '../upstream/upstream-client.ts';
import type { ComposedProduction } from './composed.ts';
import { readPart, type Part, type Validity } from './parts.ts';
import { catalogueEpisodeShape, guidanceShape, licencesShape, type Licence, type Production } from './upstream-shapes.ts';

const forPlatform = (part: Part<{ _embedded: { licences: Licence[] } }>, platform: string): Part<readonly Licence[]> =>
  part.state === 'known'
    ? { ...part, value: part.value._embedded.licences.filter((l) => l.platform === platform && (l.status ?? 'active') === 'active') }
    : part;

/** Follows one production's catalogue, guidance and licences links in parallel. */
export const composeProduction = async (
  follow: (href: string) => Promise<Fetched>,
  production: Production,
  platform: string,
  validity: Validity,
): Promise<ComposedProduction> => {
  const links = production._links;
  const [catalogue, guidance, licences] = await Promise.all([
    readPart(follow, links.catalogue?.href, catalogueEpisodeShape, validity),
    readPart(follow, links.guidance?.href, guidanceShape, validity),
    readPart(follow, links.licences?.href, licencesShape, validity),
  ]);
  return { production, catalogue, guidance, licences: forPlatform(licences, platform) };
};
