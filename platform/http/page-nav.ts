import type Koa from 'koa';
import type { Context } from 'koa';

/** One link of the header every HTML page of the platform shows. */
export interface NavLink {
  readonly part: Section | 'desk';
  readonly href: string;
  readonly label: string;
}

const SECTIONS = [
  ['catalogue', 'Catalogue'],
  ['guidance', 'Guidance'],
  ['licencing', 'Licencing'],
  ['availability', 'Availability'],
] as const;

/** A part of the platform a browser can be sent to (`/catalogue` and below, …). */
export type Section = (typeof SECTIONS)[number][0];

export const ALL_SECTIONS: readonly Section[] = SECTIONS.map(([section]) => section);

/**
 * The header's links for a process: the editors' desk where a browser reaches it (`/desk` here,
 * or its own origin's `/desk`), then each section this process answers, in the platform's order.
 * A link to a part that is not reachable from here would be dead, so it is not shown.
 */
export const pageNav = ({ sections, desk }: { readonly sections: readonly Section[]; readonly desk?: string }): readonly NavLink[] => [
  ...(desk ? [{ part: 'desk' as const, href: desk, label: "Editors' desk" }] : []),
  ...SECTIONS.filter(([section]) => sections.includes(section)).map(([section, label]) => ({ part: section, href: `/${section}`, label })),
];

/** The whole platform on one origin (the embedded `npm start`): every section and the desk. */
export const WHOLE_PLATFORM_NAV = pageNav({ sections: ALL_SECTIONS, desk: '/desk' });

const navs = new WeakMap<Koa, readonly NavLink[]>();

/** Sets the header of every page an app renders; the composition root knows what the process answers. */
export const usePageNav = (app: Koa, nav: readonly NavLink[]): void => void navs.set(app, nav);

/** The header for a page answered on `ctx`'s app; an app that was given none shows the whole platform's. */
export const pageNavOf = (ctx: Context): readonly NavLink[] => navs.get(ctx.app) ?? WHOLE_PLATFORM_NAV;
