/**
 * js-yaml ships no types; it is in node_modules through ESLint. Only the compose test uses it,
 * to read docker-compose.yml as Docker Compose does (anchors and merge keys included).
 */
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
