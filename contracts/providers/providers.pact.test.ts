import test from 'ava';
import { runCompatibilityGate } from '../gate/compatibility-gate.ts';
import { formatGateTable } from '../gate/gate-table.ts';
import { checkProvider } from './check-provider.ts';
import { catalogueRenamesChannel, guidanceRenamesRestricted } from './representation-changes.ts';

// One process for every provider: PGlite's first start dominates, later ones are quick.

test.serial("every consumer's pact is verified by the current provider (the compatibility gate)", async (t) => {
  const rows = await runCompatibilityGate();
  const table = formatGateTable(rows);
  t.log(`\n${table}`);
  t.true(rows.length > 0, 'some pacts exist');
  t.deepEqual(new Set(rows.map((r) => r.provider)), new Set(['availability', 'catalogue', 'gateway', 'guidance', 'licencing']));
  t.true(
    rows.every((row) => row.ok),
    table,
  );
});

test.serial('guidance renaming "restricted" in its episode resource fails the gateway\'s pact, saying where', async (t) => {
  const rows = await checkProvider('guidance', { mapRepresentation: guidanceRenamesRestricted });
  const table = formatGateTable(rows);
  t.log(`\n${table}`);
  const broken = rows.find((r) => r.consumer === 'gateway' && r.interaction.startsWith("a request for an episode's guidance"));
  t.false(broken?.ok, table);
  t.regex(broken!.detail, /missing the following keys: restricted/);
  t.true(
    rows.filter((r) => r !== broken).every((r) => r.ok),
    'nothing else is blamed',
  );
  t.regex(table, /1 of \d+ interactions failed: not safe to deploy/);
});

test.serial('catalogue renaming "channel" in its episode events fails availability\'s message pacts', async (t) => {
  const rows = await checkProvider('catalogue', { mapEvent: catalogueRenamesChannel });
  const table = formatGateTable(rows);
  t.log(`\n${table}`);
  const broken = rows.filter((r) => !r.ok);
  t.deepEqual(broken.map((r) => r.interaction.split(' (')[0]).sort(), [
    'a catalogue.episode.published event',
    'a catalogue.episode.revised event',
    'a catalogue.episode.withdrawn event',
  ]);
  for (const row of broken) t.regex(row.detail, /\$\.data .*missing the following keys: channel/);
});
