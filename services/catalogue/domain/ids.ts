import { CatalogueError } from './catalogue-error.ts';

const ID = /^[1-9]\d{0,9}$/;

/** Programme ids are positive whole numbers of up to ten digits, as they appear in paths. */
export const parseProgrammeId = (raw: string): number => {
  if (!ID.test(raw)) throw new CatalogueError('invalid-programme-id', 'Programme ids are positive whole numbers of up to ten digits.');
  return Number(raw);
};

/** Episode ids are positive whole numbers of up to ten digits, such as 123456. */
export const parseEpisodeId = (raw: string): number => {
  if (!ID.test(raw)) throw new CatalogueError('invalid-episode-id', 'Episode ids are positive whole numbers of up to ten digits.');
  return Number(raw);
};

/** Whether `value` is a valid id once parsed; commands from code (the demo loader) are checked too. */
export const isId = (value: number): boolean => Number.isSafeInteger(value) && value >= 1 && value <= 9_999_999_999;
