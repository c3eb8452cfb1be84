// `npm test`: runs every stage, even after one fails, so a flaky unit test cannot hide whether the
// chaos tests and the contracts hold. Each stage's output streams as it runs; a table of every
// stage's status and time follows, and the last line counts the tests passed and failed in all
// (a stage that fails without a test count, such as lint, counts as one failure).
import { spawn } from 'node:child_process';

interface Stage {
  readonly name: string;
  readonly script: string;
}

interface Outcome {
  readonly stage: Stage;
  readonly ok: boolean;
  readonly seconds: number;
  readonly passed: number;
  readonly failed: number;
}

const stages: readonly Stage[] = [
  { name: 'typecheck', script: 'typecheck' },
  { name: 'lint', script: 'lint' },
  { name: 'boundaries', script: 'boundaries' },
  { name: 'knip', script: 'knip' },
  { name: 'ava', script: 'test:ava' },
  { name: 'chaos', script: 'test:chaos' },
  { name: 'contracts', script: 'contracts' },
];

/** Sums ava's summary lines ("12 tests passed", "1 test failed", "2 uncaught exceptions"). */
const count = (output: string, pattern: RegExp): number => [...output.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);

const run = (stage: Stage): Promise<Outcome> =>
  new Promise((resolve) => {
    const started = performance.now();
    let output = '';
    const child = spawn('npm', ['run', '--silent', stage.script], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stderr.write(chunk);
    });
    child.on('close', (code) => {
      const ok = code === 0;
      // ava prints no "N tests passed" line once a test failed, so its ticks are counted too.
      const ticks = output.match(/^\s*✔ /gm)?.length ?? 0;
      const passed = Math.max(ticks, count(output, /^\s*(\d+) tests? passed\s*$/gm));
      const failed = count(output, /^\s*(\d+) (?:tests? failed|uncaught exceptions?|unhandled rejections?)\s*$/gm);
      resolve({ stage, ok, seconds: (performance.now() - started) / 1000, passed, failed: !ok && failed === 0 ? 1 : failed });
    });
  });

/** `npm test -- lint ava` runs only the stages named; no names run them all. */
const chosen = process.argv.length > 2 ? stages.filter((s) => process.argv.includes(s.name)) : stages;

const outcomes: Outcome[] = [];
for (const stage of chosen) {
  console.log(`\n> ${stage.name} (npm run ${stage.script})`);
  outcomes.push(await run(stage));
}

const width = Math.max(...stages.map((s) => s.name.length));
console.log('\nstage'.padEnd(width + 3) + 'status  time');
for (const o of outcomes) console.log(`${o.stage.name.padEnd(width + 2)}${(o.ok ? 'ok' : 'FAILED').padEnd(8)}${o.seconds.toFixed(1)} s`);
const total = outcomes.reduce((sum, o) => sum + o.seconds, 0);
console.log(`${'total'.padEnd(width + 2)}${''.padEnd(8)}${total.toFixed(1)} s`);
const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
