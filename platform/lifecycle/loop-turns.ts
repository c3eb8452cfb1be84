import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * How long background work (a rebuild's slices, a staging index) may hold the event loop in one
 * turn before it yields to what came in meanwhile. Requests served by the same process wait at
 * most about this long behind it.
 */
export const TURN_BUDGET_MS = 1;

/**
 * Background work of the whole process takes turns, one piece per turn of the event loop: each
 * waits for the last to finish and then for a setImmediate, which runs on the loop's next turn,
 * after the I/O (requests) that came in meanwhile. Pieces yielding on their own would each run in
 * the same turn, several blocks in a row.
 */
let turn: Promise<unknown> = Promise.resolve();

/** Runs `work` on a later turn of the event loop, after every piece of background work queued before it. */
export const inTurn = <T>(work: () => Promise<T> | T): Promise<T> => {
  const mine = turn.then(() => nextTurn()).then(work);
  turn = mine.catch(() => undefined);
  return mine;
};

/**
 * Calls `step` until it returns false, as background work: in turns (`inTurn`) of at most
 * `budgetMs` each, a step being the smallest unit (it must itself be short).
 */
export const inTurns = async (step: () => boolean, budgetMs: number = TURN_BUDGET_MS): Promise<void> => {
  for (let more = true; more;) {
    more = await inTurn(() => {
      const until = performance.now() + budgetMs;
      let going = step();
      while (going && performance.now() < until) going = step();
      return going;
    });
  }
};

/**
 * The size of the next slice of a batch worked in turns, from how long the last one (`size`
 * items) held the loop: scaled down to fit the budget when over it, doubled when under half of
 * it, within 1 and `max`.
 */
export const nextSliceSize = (size: number, heldMs: number, max: number, budgetMs: number = TURN_BUDGET_MS): number => {
  const fitted = heldMs > budgetMs ? Math.floor((size * budgetMs) / heldMs) : heldMs < budgetMs / 2 ? size * 2 : size;
  return Math.max(1, Math.min(max, fitted));
};
