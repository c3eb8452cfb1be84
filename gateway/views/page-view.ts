import { halResource, type HalResource } from '#platform/http/hal';
import { pageLinks } from '#platform/http/query';
import type { ClientProfile } from '../clients/client-profile.ts';
import type { ComposedPage } from '../compose/composed.ts';
import type { Validity } from '../compose/parts.ts';
import type { Version } from '../negotiation/media-types.ts';
import { productionFacts, type ProductionFacts } from './production-facts.ts';

export interface PageRequest {
  readonly channel?: string;
  readonly q?: string;
  readonly grouping?: 'alphabetical';
  /** `true` only what plays now, `false` only what is coming, `any` both (availability decides which is which). */
  readonly available?: 'true' | 'false' | 'any';
}

/**
 * Rails of consecutive productions sharing availability's group. The letters are availability's
 * (its `group` on each production); the gateway only lays them out, it never decides a letter.
 */
const railsOf = (facts: readonly ProductionFacts[]) => {
  const rails: { letter: string; items: ProductionFacts[] }[] = [];
  for (const f of facts) {
    const letter = f.group ?? '';
    const last = rails.at(-1);
    if (last?.letter === letter) last.items.push(f);
    else rails.push({ letter, items: [f] });
  }
  return rails;
};

/**
 * A composed page as one client sees it in one version: its items, paging links on the gateway's
 * own routes, the A to Z grouping in the client's layout, and `incomplete`/`stale` when a part
 * could not be read fresh.
 */
export const pageView = (
  client: ClientProfile,
  version: Version,
  page: ComposedPage,
  request: PageRequest,
  validity: Validity,
): HalResource => {
  const view = client.views[version];
  const facts = page.productions.map((p) => productionFacts(p));
  const href = (n: number) => {
    const search = new URLSearchParams(Object.entries(request).filter(([, v]) => v !== undefined) as [string, string][]);
    search.set('page', String(n));
    return `/vod/${client.platform}/episodes?${search}`;
  };
  const summary = {
    page: page.page,
    size: page.size,
    count: facts.length,
    total: page.total,
    available: request.available ?? client.defaultAvailable,
    incomplete: validity.incomplete,
    ...(validity.stale ? { stale: true } : {}),
  };
  const links = pageLinks(page, page.total, href);
  if (request.grouping !== 'alphabetical') return halResource(summary, href(page.page), links, { productions: facts.map(view) });
  if (client.groupLayout === 'rails') {
    const rails = railsOf(facts).map((g) =>
      halResource({ letter: g.letter, count: g.items.length }, `${href(page.page)}#${g.letter}`, {}, { productions: g.items.map(view) }),
    );
    return halResource(summary, href(page.page), links, { rails });
  }
  return halResource({ ...summary, groups: page.groups ?? [] }, href(page.page), links, {
    productions: facts.map((f) => ({ ...view(f), group: f.group })),
  });
};
