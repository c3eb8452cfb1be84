import { halResource, type HalResource } from '../../platform/http/hal.ts';
import { pageLinks } from '../../platform/http/query.ts';
import type { ClientProfile } from '../clients/client-profile.ts';
import type { ComposedPage } from '../compose/composed.ts';
import type { Validity } from '../compose/parts.ts';
import type { Version } from '../negotiation/media-types.ts';
import { productionFacts, type ProductionFacts } from './production-facts.ts';

export interface PageRequest {
  readonly channel?: string;
  readonly q?: string;
  readonly grouping?: 'alphabetical';
}

/** The A to Z letter of a title (digits and symbols under `0-9`), when availability did not say. */
export const letterOf = (title: string | null): string => {
  const first = (title ?? '').normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/^(the|a|an)\s+/i, '').charAt(0).toUpperCase();
  return /[A-Z]/.test(first) ? first : '0-9';
};

const groupBy = (facts: readonly ProductionFacts[]) => {
  const groups: { letter: string; items: ProductionFacts[] }[] = [];
  for (const f of facts) {
    const letter = f.group ?? letterOf(f.programmeTitle ?? f.title);
    const last = groups.at(-1);
    if (last?.letter === letter) last.items.push(f);
    else groups.push({ letter, items: [f] });
  }
  return groups;
};

/**
 * A composed page as one client sees it in one version: its items, paging links on the gateway's
 * own routes, the A to Z grouping in the client's layout, and `incomplete`/`stale` when a part
 * could not be read fresh.
 */
export const pageView = (client: ClientProfile, version: Version, page: ComposedPage, request: PageRequest, validity: Validity): HalResource => {
  const view = client.views[version];
  const facts = page.productions.map((p) => productionFacts(p));
  const href = (n: number) => {
    const search = new URLSearchParams(Object.entries(request).filter(([, v]) => v !== undefined) as [string, string][]);
    search.set('page', String(n));
    return `/vod/${client.platform}/episodes?${search}`;
  };
  const summary = { page: page.page, size: page.size, count: facts.length, total: page.total, incomplete: validity.incomplete, ...(validity.stale ? { stale: true } : {}) };
  const links = pageLinks(page, page.total, href);
  if (request.grouping !== 'alphabetical') return halResource(summary, href(page.page), links, { productions: facts.map(view) });
  const groups = groupBy(facts);
  if (client.groupLayout === 'rails') {
    const rails = groups.map((g) => halResource({ letter: g.letter, count: g.items.length }, `${href(page.page)}#${g.letter}`, {}, { productions: g.items.map(view) }));
    return halResource(summary, href(page.page), links, { rails });
  }
  return halResource({ ...summary, groups: groups.map((g) => ({ letter: g.letter, count: g.items.length })) }, href(page.page), links, {
    productions: facts.map((f) => ({ ...view(f), group: f.group ?? letterOf(f.programmeTitle ?? f.title) })),
  });
};
