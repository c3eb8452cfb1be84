import type { z } from 'zod';

/** Turns zod issues into the `errors` extension of a problem: one `{ path, message }` each. */
export const describeIssues = (error: z.ZodError): { path: string; message: string }[] =>
  error.issues.map((issue) => ({ path: issue.path.join('.') || '(root)', message: issue.message }));
