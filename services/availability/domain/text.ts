/** Longest `q` accepted: titles are short, and a bounded prefix keeps every lookup cheap. */
export const MAX_QUERY_LENGTH = 100;

/** Lower case without accents, so that "Élan" and "elan" compare equal in search and sort. */
export const foldText = (text: string): string =>
  text.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/** The folded words of a title, split on anything that is not a letter or digit ("Downton Abbey" → downton, abbey). */
export const titleWords = (title: string): string[] => [
  ...new Set(foldText(title).split(/[^\p{L}\p{N}]+/u).filter((word) => word.length > 0)),
];

/**
 * The alphabetical group of a title for the A to Z rails of TV apps: its first character,
 * folded and upper-cased when it is a letter a to z, `0-9` for digits, symbols and anything else.
 */
export const alphabeticalGroup = (title: string): string => {
  const first = foldText(title.trimStart()).charAt(0);
  return first >= 'a' && first <= 'z' ? first.toUpperCase() : '0-9';
};

/**
 * The key titles sort by: the group first (`0-9` before A to Z, so groups stay contiguous),
 * then the folded title. Kept in the projection so every store sorts the same way.
 */
export const titleSortKey = (title: string): string => {
  const group = alphabeticalGroup(title);
  return `${group === '0-9' ? '0' : '1'}${foldText(title.trimStart())}`;
};

/**
 * Turns a client's `q` into the folded word prefix it means, or undefined when it holds no
 * word. Only the first word is kept: the search is "titles with a word starting with this".
 */
export const searchPrefix = (q: string): string | undefined => titleWords(q)[0];
