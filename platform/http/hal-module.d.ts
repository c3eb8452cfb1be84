/** The `hal` package ships no types; this is the small part of its API that hal.ts uses. */
declare module 'hal' {
  interface HalLinkValue {
    href: string;
    templated?: boolean;
    title?: string;
    name?: string;
  }
  interface HalResourceInstance {
    link(rel: string, value: string | HalLinkValue): HalResourceInstance;
    toJSON(): unknown;
  }
  const hal: { Resource: new (properties: Record<string, unknown>, self: string) => HalResourceInstance };
  export default hal;
}
