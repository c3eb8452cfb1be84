import type { VerificationRow } from '../providers/support/verification-rows.ts';

const HEADINGS = ['consumer', 'provider', 'interaction', 'result'] as const;

const cells = (row: VerificationRow) => [row.consumer, row.provider, row.interaction, row.ok ? 'verified' : `FAILED: ${row.detail}`];

/**
 * The gate's answer as a plain-text table, one line per interaction, failures spelled out in
 * Pact's words: what `can-i-deploy` prints against a broker, here from the pacts in the repo.
 */
export const formatGateTable = (rows: readonly VerificationRow[]): string => {
  const lines = [HEADINGS as readonly string[], ...rows.map(cells)];
  const widths = HEADINGS.map((_, column) => Math.min(column === 3 ? 200 : 130, Math.max(...lines.map((line) => line[column]!.length))));
  const render = (line: readonly string[]) =>
    line
      .map((cell, column) => cell.slice(0, widths[column]).padEnd(widths[column]!))
      .join(' | ')
      .trimEnd();
  const failed = rows.filter((row) => !row.ok).length;
  const verdict =
    rows.length === 0
      ? 'no pacts found: nothing to check'
      : failed === 0
        ? `all ${rows.length} interactions verified: safe to deploy`
        : `${failed} of ${rows.length} interactions failed: not safe to deploy`;
  return [render(lines[0]!), widths.map((w) => '-'.repeat(w)).join('-|-'), ...lines.slice(1).map(render), '', verdict].join('\n');
};
