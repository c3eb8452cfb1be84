import type { PactDocument, PactInteraction } from '../../support/pact-files.ts';

/** One interaction's outcome: what can-i-deploy would list for a pair. */
export interface VerificationRow {
  readonly consumer: string;
  readonly provider: string;
  readonly interaction: string;
  readonly ok: boolean;
  /** Why it failed, in Pact's words (path, expected, actual); empty when verified. */
  readonly detail: string;
}

interface Mismatch {
  readonly mismatch?: string;
  readonly path?: string;
  readonly key?: string;
}

interface ReportError {
  readonly interaction: string;
  readonly mismatch?: { readonly mismatches?: readonly Mismatch[]; readonly message?: string };
}

/** Pact core's JSON report: `result` overall and one error entry per failed interaction. */
const parseReport = (report: string): { result: boolean | undefined; errors: readonly ReportError[]; raw: string } => {
  try {
    const json = JSON.parse(report) as { result?: boolean; errors?: ReportError[] };
    return { result: json.result, errors: json.errors ?? [], raw: report };
  } catch {
    return { result: undefined, errors: [], raw: report };
  }
};

/** How Pact core names an interaction in its report. */
const reportName = (pact: PactDocument, interaction: PactInteraction) => {
  const states = (interaction.providerStates ?? []).map((s) => s.name).join(' And ');
  return `Verifying a pact between ${pact.consumer} and ${pact.provider}${states ? ` Given ${states}` : ''} - ${interaction.description}`;
};

const describeError = (error: ReportError) => {
  const mismatches = error.mismatch?.mismatches ?? [];
  if (mismatches.length === 0) return error.mismatch?.message ?? 'failed';
  return mismatches.map((m) => `${m.path ?? m.key ?? ''} ${m.mismatch ?? ''}`.trim()).join('; ');
};

/**
 * Turns Pact core's report into one row per interaction of the verified pacts. An interaction
 * whose provider state has no handler fails here even if Pact passed it; a report that is not
 * JSON (Pact could not run at all) fails every row with what it said.
 */
export const interactionRows = (pacts: readonly PactDocument[], report: string, unhandled: ReadonlySet<string>): VerificationRow[] => {
  const { result, errors, raw } = parseReport(report);
  return pacts.flatMap((pact) =>
    pact.interactions.map((interaction) => {
      const states = (interaction.providerStates ?? []).map((s) => s.name);
      const label = `${interaction.description}${states.length ? ` (given ${states.join(' and ')})` : ''}`;
      const row = { consumer: pact.consumer, provider: pact.provider, interaction: label };
      const missing = states.filter((s) => unhandled.has(s));
      if (missing.length) return { ...row, ok: false, detail: `no provider state handler for "${missing.join('", "')}"` };
      if (result === undefined) return { ...row, ok: false, detail: `verification did not run: ${raw.slice(0, 200)}` };
      const error = errors.find((e) => e.interaction === reportName(pact, interaction));
      return error ? { ...row, ok: false, detail: describeError(error) } : { ...row, ok: true, detail: '' };
    }),
  );
};
