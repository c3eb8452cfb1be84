/** One of the README's first examples and what it must answer for the "ready" banner to show. */
export interface ReadmeExample {
  readonly path: string;
  readonly accept?: string;
  /** Says what is wrong with a 200 answer's body, or undefined when it answers as documented. */
  readonly check?: (body: unknown) => string | undefined;
}

const embedded = (body: unknown, name: string): unknown[] => (body as { _embedded?: Record<string, unknown[]> })?._embedded?.[name] ?? [];

/**
 * The curls the README's first lines tell a newcomer to run once `npm start` says it is ready,
 * with what each must show (readme-examples.test.ts keeps this list and README.md in step).
 */
export const README_EXAMPLES: readonly ReadmeExample[] = [
  { path: '/catalogue/episodes/123456' },
  { path: '/guidance/episodes/123456' },
  { path: '/licencing/licences?episode=123456', check: (body) => (embedded(body, 'licences').length > 0 ? undefined : 'holds no licence') },
  {
    path: '/availability/episodes?platform=ios&channel=ITV&q=Downton',
    check: (body) => ((body as { total?: number })?.total ? undefined : 'finds no episode'),
  },
  {
    path: '/vod/ios/episodes?channel=ITV&q=Downton&grouping=alphabetical',
    accept: 'application/vnd.itv.ctv.production.v1+hal+json',
    check: (body) => (JSON.stringify(body).includes('"productions"') ? undefined : 'composes no production'),
  },
];

/** Asks every example of `origin` and answers what did not answer as documented (empty when all did). */
export const checkReadmeExamples = async (origin: string, examples: readonly ReadmeExample[] = README_EXAMPLES): Promise<string[]> => {
  const problems = await Promise.all(
    examples.map(async ({ path, accept, check }) => {
      try {
        const response = await fetch(`${origin}${path}`, { headers: accept ? { accept } : {}, signal: AbortSignal.timeout(15_000) });
        if (response.status !== 200) {
          await response.arrayBuffer();
          return `${path} answered ${response.status}`;
        }
        const problem = check?.(await response.json());
        return problem ? `${path} ${problem}` : undefined;
      } catch (error) {
        return `${path} failed: ${(error as Error).message}`;
      }
    }),
  );
  return problems.filter((p) => p !== undefined);
};

/** Polls `origin`'s readiness until it answers 200, or `giveUp` says to stop (shutdown). */
export const waitUntilReady = async (origin: string, giveUp: () => boolean): Promise<boolean> => {
  while (!giveUp()) {
    const ready = await fetch(`${origin}/health/ready`, { signal: AbortSignal.timeout(10_000) }).then(
      async (r) => (await r.arrayBuffer(), r.ok),
      () => false,
    );
    if (ready) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
};
