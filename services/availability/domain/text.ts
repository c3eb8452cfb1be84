/** Longest `q` accepted: titles are short, and a bounded prefix keeps every lookup cheap. */
export const MAX_QUERY_LENGTH = 100;

/**
 * Letters that Unicode decomposition leaves whole (Ø is not O plus a mark), folded the way a
 * viewer types them on a keyboard without them: `oresund` finds "Øresund", `strasse` "Straße".
 */
const LETTERS: Record<string, string> = {
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'n',
  ĸ: 'k',
  ŀ: 'l',
  ſ: 's',
};
const UNDECOMPOSED = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'gu');

/**
 * Lower case without accents or special letter forms, so that "Élan" and "elan", "Øresund"
 * and "oresund" compare equal in search and sort.
 */
export const foldText = (text: string): string =>
  text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(UNDECOMPOSED, (letter) => LETTERS[letter]!);

/** A channel as stored and asked for: folded, so `channel=itv` finds ITV's productions. */
export const channelKey = (channel: string): string => foldText(channel.trim());

/**
 * The least string above every string that starts with `prefix`: the prefix with its last code
 * point raised by one, so a range [prefix, successor) holds exactly the words it starts, in the
 * code point (UTF-8 byte) order MongoDB compares strings in.
 */
export const prefixSuccessor = (prefix: string): string => {
  const points = [...prefix];
  const last = points.pop()!.codePointAt(0)! + 1;
  return points.join('') + String.fromCodePoint(last === 0xd800 ? 0xe000 : last);
};

/** The A to Z groups in list order: digits and symbols first, then A to Z. */
export const GROUPS: readonly string[] = ['0-9', ...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/** The range of sort keys (`titleSortKey`) a group holds: [from, to). */
export const groupKeyRange = (group: string): readonly [string, string] =>
  group === '0-9' ? ['0', '1'] : [`1${group.toLowerCase()}`, `1${prefixSuccessor(group.toLowerCase())}`];

/** How many matches of a list each A to Z group holds, in order; empty groups left out. */
export interface GroupCount {
  readonly letter: string;
  readonly count: number;
}

/** The folded words of a title, split on anything that is not a letter or digit ("Downton Abbey" → downton, abbey). */
export const titleWords = (title: string): string[] => [
  ...new Set(
    foldText(title)
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 0),
  ),
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
