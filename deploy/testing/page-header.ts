/** The hrefs of an HTML page's header (`<nav aria-label="platform">`, platform/http/hal-html.ts), in order. */
export const headerLinks = (html: string): string[] => {
  const nav = /<nav aria-label="platform">(.*?)<\/nav>/s.exec(html)?.[1] ?? '';
  return [...nav.matchAll(/<a href="([^"]+)">/g)].map((m) => m[1]!);
};
