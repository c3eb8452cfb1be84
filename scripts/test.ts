// `npm test`: runs every stage, even after one fails, so a flaky unit test cannot hide whether the
// chaos tests and the contracts hold. The tests run in steps, one after the other; stages of one
// step run side by side where they cannot disturb each other: the chaos tests that disrupt the
// shared broker beside those that never use it, the contracts (neither broker nor PostgreSQL) and
// the coverage report of the ava step. The static checks (read-only) run all along in the
// background at the lowest CPU priority (nice 19), so they take only what the tests leave idle
// rather than a minute of their own up front. A step of one stage streams its output as it runs;
// other stages print their output whole when they end, background ones after the last step. A
// table of every stage's status and time follows, and the last line counts the tests passed and
// failed in all (a stage that fails without a test count, such as lint, counts as one failure).
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

interface Stage {
  readonly name: string;
  /** The command, its binary found on npm's PATH (node_modules/.bin). */
  readonly command: readonly string[];
}

interface Outcome {
  readonly stage: Stage;
  readonly ok: boolean;
  readonly seconds: number;
  readonly passed: number;
  readonly failed: number;
  readonly output: string;
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

const npmRun = (script: string, ...args: string[]) => ['npm', 'run', '--silent', script, ...(args.length > 0 ? ['--', ...args] : [])];

const background: readonly Stage[] = [
  { name: 'typecheck', command: npmRun('typecheck') },
  { name: 'lint', command: npmRun('lint') },
  { name: 'format', command: npmRun('format:check') },
  { name: 'boundaries', command: npmRun('boundaries') },
  { name: 'knip', command: npmRun('knip') },
];

const steps: readonly (readonly Stage[])[] = [
  // Coverage is collected here and reported (and gated, .c8rc.json) beside the next step: the
  // report reads some 300 processes' V8 coverage, about 15 s of one core.
  [{ name: 'ava', command: ['c8', '--reporter=none', '--check-coverage=false', 'ava'] }],
  [
    { name: 'chaos', command: npmRun('test:chaos', ...brokerChaos) },
    { name: 'chaos-embedded', command: npmRun('test:chaos', ...BROKER_FREE_CHAOS) },
    { name: 'contracts', command: npmRun('contracts') },
    { name: 'coverage', command: ['c8', 'report'] },
  ],
];

/** Sums ava's summary lines ("12 tests passed", "1 test failed", "2 uncaught exceptions"). */
const count = (output: string, pattern: RegExp): number => [...output.matchAll(pattern)].reduce((sum, m) => sum + Number(m[1]), 0);

const run = (stage: Stage, { stream = false, niceness = 0 } = {}): Promise<Outcome> =>
  new Promise((resolve) => {
    const started = performance.now();
    let output = '';
    const [command, ...args] = niceness ? ['nice', '-n', String(niceness), ...stage.command] : stage.command;
    const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (sink: NodeJS.WriteStream) => (chunk: Buffer) => {
      output += chunk.toString();
      if (stream) sink.write(chunk);
    };
    child.stdout.on('data', collect(process.stdout));
    child.stderr.on('data', collect(process.stderr));
    child.on('close', (code) => {
      const ok = code === 0;
      // ava prints no "N tests passed" line once a test failed, so its ticks are counted too.
      const ticks = output.match(/^\s*✔ /gm)?.length ?? 0;
      const passed = Math.max(ticks, count(output, /^\s*(\d+) tests? passed\s*$/gm));
      const failed = count(output, /^\s*(\d+) (?:tests? failed|uncaught exceptions?|unhandled rejections?)\s*$/gm);
      resolve({ stage, ok, seconds: (performance.now() - started) / 1000, passed, failed: !ok && failed === 0 ? 1 : failed, output });
    });
  });

const printWhole = (o: Outcome) =>
  process.stdout.write(`\n> ${o.stage.name} (${o.stage.command.join(' ')}): ${o.ok ? 'ok' : 'FAILED'}\n${o.output}`);

/** `npm test -- lint ava` runs only the stages named (`chaos` both chaos lanes, `ava` its coverage too); no names run them all. */
const named = process.argv.slice(2);
const wanted = (stage: Stage) =>
  named.length === 0 || named.some((n) => stage.name === n || stage.name.startsWith(`${n}-`) || (stage.name === 'coverage' && n === 'ava'));
const chosen = steps.map((step) => step.filter(wanted)).filter((step) => step.length > 0);
// Alone (`npm test -- lint`), the static checks need not give way to anything.
const checks = background.filter(wanted).map((stage) => run(stage, { niceness: chosen.length > 0 ? 19 : 0 }));

const started = performance.now();
const outcomes: Outcome[] = [];
for (const step of chosen) {
  const stream = step.length === 1;
  console.log(`\n> ${step.map((s) => s.name).join(', ')}${stream ? ` (${step[0]!.command.join(' ')})` : ' (side by side)'}`);
  const done = await Promise.all(step.map((stage) => run(stage, { stream })));
  if (!stream) done.forEach(printWhole);
  outcomes.push(...done);
}
const checked = await Promise.all(checks);
checked.forEach(printWhole);
outcomes.unshift(...checked);

const width = Math.max(...[...background, ...steps.flat()].map((s) => s.name.length));
console.log('\nstage'.padEnd(width + 3) + 'status  time');
for (const o of outcomes) console.log(`${o.stage.name.padEnd(width + 2)}${(o.ok ? 'ok' : 'FAILED').padEnd(8)}${o.seconds.toFixed(1)} s`);
console.log(`${'total'.padEnd(width + 2)}${''.padEnd(8)}${((performance.now() - started) / 1000).toFixed(1)} s (wall clock)`);
const passed = outcomes.reduce((sum, o) => sum + o.passed, 0);
const failed = outcomes.reduce((sum, o) => sum + o.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = outcomes.every((o) => o.ok) ? 0 : 1;
