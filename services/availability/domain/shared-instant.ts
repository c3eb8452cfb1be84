/** How many distinct instants are remembered; beyond it the oldest is forgotten (a new Date is made). */
const REMEMBERED = 4096;
const instants = new Map<string, Date>();

/**
 * The Date of an ISO instant, shared with every licence window that names the same one. Windows
 * cluster on a few boundaries (midnight, the start of a deal), and a Date costs about 100 bytes:
 * at 100,000 episodes with three licences each, one Date per window edge was a fifth of the
 * embedded projection. Sharing is safe because projection documents are never mutated, only
 * replaced (in-memory-availability-store). Bounded, so that windows that all differ cost no more
 * than before.
 */
export const sharedInstant = (iso: string): Date => {
  const known = instants.get(iso);
  if (known) return known;
  if (instants.size >= REMEMBERED) instants.delete(instants.keys().next().value!);
  const date = new Date(iso);
  instants.set(iso, date);
  return date;
};
