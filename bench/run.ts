import { availabilityMix } from './availability-mix.ts';
import { availabilityQuery } from './availability-query.ts';
import { availabilityRebuildReads } from './availability-rebuild-reads.ts';
import { busThroughput } from './bus-throughput.ts';
import { deskLive } from './desk/desk-live.ts';
import { edgeFreshness } from './edge-freshness.ts';
import { embeddedGatewayLoad } from './embedded-gateway-load.ts';
import { gatewayPage } from './gateway-page.ts';
import { writePropagation } from './write-propagation.ts';
import type { BenchModule, BenchRow } from './bench-module.ts';

/** Every benchmark `npm run bench` runs, in order; adding one is adding a line here. */
const modules: readonly BenchModule[] = [
  busThroughput,
  writePropagation,
  availabilityQuery,
  availabilityMix,
  availabilityRebuildReads,
  gatewayPage,
  edgeFreshness,
  embeddedGatewayLoad,
  deskLive,
];

const only = process.argv.slice(2);
const rows: BenchRow[] = [];
for (const module of modules) {
  if (only.length > 0 && !only.includes(module.name)) continue;
  console.log(`running ${module.name} ...`);
  try {
    rows.push(...(await module.run()));
  } catch (error) {
    console.error(`${module.name} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  }
}

const table = rows.map((r) => [r.bench, r.metric, r.value.toLocaleString('en-GB', { maximumFractionDigits: 2 }), r.unit, r.note ?? '']);
const header = ['bench', 'metric', 'median', 'unit', 'note'];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: readonly string[]) =>
  cells
    .map((c, i) => (i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
    .join('  ')
    .trimEnd();
console.log(`\n${line(header)}\n${line(widths.map((w) => '-'.repeat(w)))}`);
for (const row of table) console.log(line(row));
