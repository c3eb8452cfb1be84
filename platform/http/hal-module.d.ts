/** The `hal` package ships no types; this is the small part of its API that hal.ts uses. */
declare module 'hal' {
  class Resource {
    constructor(properties: Record<string, unknown>, self: string);
    link(rel: string, value: string | { href: string; templated?: boolean; title?: string; name?: string }): this;
    toJSON(): unknown;
  }
  const hal: { Resource: typeof Resource };
  export default hal;
}
