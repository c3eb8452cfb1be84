// `npm test`: runs every stage, even after one fails, so a flaky unit test cannot hide whether the
// chaos tests and the contracts hold. Stages of one step run side by side, where they cannot
// disturb each other: the static checks (read-only, each mostly one core waiting on the other's
// files), and the chaos tests that disrupt the shared broker beside those that never use it and
// the contracts (which use neither the broker nor PostgreSQL). A
// step of one stage streams its output as it runs; a step of several prints each stage's output
// whole when it ends. A table of every stage's status and time follows, and the last line counts
// the tests passed and failed in all (a stage that fails without a test count, such as lint,
// counts as one failure).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Stage {
  readonly name: string;
  readonly script: string;
  readonly args?: readonly string[];
}

interface Outcome {
  readonly stage: Stage;
  readonly ok: boolean;
  readonly seconds: number;
  readonly passed: number;
  readonly failed: number;
}

/** Chaos test files that start their own embedded platform and never touch RabbitMQ. */
const BROKER_FREE_CHAOS = ['deploy/stop-under-load.chaos.test.ts', 'deploy/busy-data-dir.chaos.test.ts'];

const chaosFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = dir === '.' ? entry.name : join(dir, entry.name);
    if (entry.isDirectory()) return ['node_modules', 'dist', 'data', '.git', 'coverage'].includes(entry.name) ? [] : chaosFiles(path);
    return entry.name.endsWith('.chaos.test.ts') ? [path] : [];
  });

/** Every chaos file not known to be broker-free runs in the broker lane, one file at a time. */
const brokerChaos = chaosFiles('.').filter((file) => !BROKER_FREE_CHAOS.includes(file));

const steps: readonly (readonly Stage[])[] = [
  [
    { name: 'typecheck', script: 'typecheck' },
    { name: 'lint', script: 'lint' },
    { name: 'format', script: 'format:check' },
    { name: 'boundaries', script: 'boundaries' },
    { name: 'knip', script: 'knip' },
  ],
  [{ name: 'ava', script: 'test:ava' }],
  [
    { name: 'chaos', script: 'test:chaos', args: brokerChaos },
    { name: 'chaos-embedded', script: 'test:chaos', args: BROKER_FREE_CHAOS },
    // Pact runs against in-process providers and mock servers: no broker, no shared port.
    { name: 'contracts', script: 'contracts' },
  ],
];

/** Sums ava's summary lines ("12 tests passed", "1 test failed", "2 uncaught exceptions"). */
const count = (output: string, pattern: RegExp): number => [...output.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);

const run = (stage: Stage, stream: boolean): Promise<Outcome> =>
  new Promise((resolve) => {
    const started = performance.now();
    let output = '';
    const args = ['run', '--silent', stage.script, ...(stage.args ? ['--', ...stage.args] : [])];
    const child = spawn('npm', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      if (stream) sink.write(chunk);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.on('close', (code) => {
      const ok = code === 0;
      if (!stream) process.stdout.write(`\n> ${stage.name} (npm ${args.join(' ')}): ${ok ? 'ok' : 'FAILED'}\n${output}`);
      // ava prints no "N tests passed" line once a test failed, so its ticks are counted too.
      const ticks = output.match(/^\s*✔ /gm)?.length ?? 0;
      const passed = Math.max(ticks, count(output, /^\s*(\d+) tests? passed\s*$/gm));
      const failed = count(output, /^\s*(\d+) (?:tests? failed|uncaught exceptions?|unhandled rejections?)\s*$/gm);
      resolve({ stage, ok, seconds: (performance.now() - started) / 1000, passed, failed: !ok && failed === 0 ? 1 : failed });
    });
  });

/** `npm test -- lint ava` runs only the stages named (`chaos` both chaos lanes); no names run them all. */
const named = process.argv.slice(2);
const wanted = (stage: Stage) => named.length === 0 || named.some((n) => stage.name === n || stage.name.startsWith(`${n}-`));
const chosen = steps.map((step) => step.filter(wanted)).filter((step) => step.length > 0);

const started = performance.now();
const outcomes: Outcome[] = [];
for (const step of chosen) {
  const stream = step.length === 1;
  console.log(`\n> ${step.map((s) => s.name).join(', ')}${stream ? ` (npm run ${step[0]!.script})` : ' (side by side)'}`);
  outcomes.push(...(await Promise.all(step.map((stage) => run(stage, stream)))));
}

const width = Math.max(...steps.flat().map((s) => s.name.length));
console.log('\nstage'.padEnd(width + 3) + 'status  time');
for (const o of outcomes) console.log(`${o.stage.name.padEnd(width + 2)}${(o.ok ? 'ok' : 'FAILED').padEnd(8)}${o.seconds.toFixed(1)} s`);
console.log(`${'total'.padEnd(width + 2)}${''.padEnd(8)}${((performance.now() - started) / 1000).toFixed(1)} s (wall clock)`);
const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
