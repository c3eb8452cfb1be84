/** A row-returning query; parameters are positional (`$1`, `$2` ...) in both adapters. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

/**
 * The storage port shared by every service. The PostgreSQL (`pg`) and embedded (PGlite)
 * adapters run the same SQL, so each service's repository is written once.
 */
export interface Database extends Queryable {
  readonly kind: 'postgres' | 'pglite';
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Thrown by adapters when a statement violates a unique constraint (SQLSTATE 23505). */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** What a list query of a repository reads: the rows of one page and how many there are in all. */
export interface PageQuery {
  /** `SELECT ... ORDER BY ...` with `LIMIT` and `OFFSET` taking the two parameters after `params`. */
  readonly select: string;
  /** `SELECT count(*)::int AS n ...` over the same rows, with `params` only. */
  readonly count: string;
  readonly params: readonly unknown[];
  readonly offset: number;
  readonly limit: number;
}

/** Reads a page of rows and their total side by side, and maps the rows with `fromRow`. */
export const queryPage = async <Row, Item>(
  db: Queryable,
  query: PageQuery,
  fromRow: (row: Row) => Item,
): Promise<{ items: Item[]; total: number }> => {
  const [{ rows }, count] = await Promise.all([
    db.query<Row>(query.select, [...query.params, query.limit, query.offset]),
    db.query<{ n: number }>(query.count, query.params),
  ]);
  return { items: rows.map(fromRow), total: count.rows[0]?.n ?? 0 };
};
