import { runCompatibilityGate } from './compatibility-gate.ts';
import { formatGateTable } from './gate-table.ts';

/**
 * `npm run contracts:gate`: may every consumer and provider in this commit be deployed
 * together? Prints one row per interaction and exits non-zero when any is not verified.
 */
const rows = await runCompatibilityGate();
process.stdout.write(`\n${formatGateTable(rows)}\n`);
process.exitCode = rows.length > 0 && rows.every((row) => row.ok) ? 0 : 1;
