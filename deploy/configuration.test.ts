import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { z } from 'zod';
import { configSchema, DEFAULT_TOKEN_SECRET, readConfig } from '#platform/config/config';
import { gatewayConfigSchema } from '../gateway/config.ts';
import { deskConfigSchema } from '../desk/config.ts';

const root = new URL('..', import.meta.url);

/** Runs an entry point with `env` added to a clean environment; resolves its exit code and stderr. */
const run = async (args: string[], env: Record<string, string>) => {
  const dataDir = await mkdtemp(join(tmpdir(), 'vod-config-'));
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, DEMO_DATA: 'false', PORT: '0', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  await rm(dataDir, { recursive: true, force: true });
  return { code, stderr };
};

test("npm start exits 1 naming every bad variable, the gateway's included, without a stack trace", async (t) => {
  const { code, stderr } = await run(['deploy/all-in-one.ts'], { PORT: 'eighty', AMQP_URL: 'http://rabbit', GATEWAY_DEADLINE_MS: '1' });
  t.is(code, 1);
  t.regex(stderr, /^invalid configuration:/);
  t.regex(stderr, /- PORT: /);
  t.regex(stderr, /- AMQP_URL: must start with amqp:\/\/ or amqps:\/\//);
  t.regex(stderr, /- GATEWAY_DEADLINE_MS: /);
  t.notRegex(stderr, /\n\s+at /, 'an operator gets the message, not a stack');
});

test('a component alone exits 1 naming what it needs in its own process', async (t) => {
  const { code, stderr } = await run(['deploy/one-service.ts', 'catalogue'], {});
  t.is(code, 1);
  t.regex(stderr, /- DATABASE_URL: required when catalogue runs in its own process/);
  t.regex(stderr, /- AMQP_URL: required when catalogue runs in its own process/);
});

test('the public default TOKEN_SECRET is refused under NODE_ENV=production, in one line', async (t) => {
  const { code, stderr } = await run(['deploy/all-in-one.ts'], { NODE_ENV: 'production' });
  t.is(code, 1);
  t.regex(stderr, /- TOKEN_SECRET: the built-in default is for the embedded laptop mode only; .* when NODE_ENV=production/);
  t.notRegex(stderr, /\n\s+at /);
});

test('a component in its own process refuses a missing or the public default TOKEN_SECRET', async (t) => {
  const urls = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/vod', AMQP_URL: 'amqp://guest:guest@127.0.0.1:5672' };
  const unset = await run(['deploy/one-service.ts', 'licencing'], urls);
  t.is(unset.code, 1);
  t.regex(unset.stderr, /- TOKEN_SECRET: required when licencing runs in its own process/);
  const builtIn = await run(['deploy/one-service.ts', 'availability'], {
    ...urls,
    CATALOGUE_URL: 'http://127.0.0.1:1',
    GUIDANCE_URL: 'http://127.0.0.1:1',
    LICENCING_URL: 'http://127.0.0.1:1',
    TOKEN_SECRET: DEFAULT_TOKEN_SECRET,
  });
  t.is(builtIn.code, 1);
  t.regex(
    builtIn.stderr,
    /- TOKEN_SECRET: the built-in default is for the embedded laptop mode only; .* when availability runs in its own process/,
  );
});

test('the platform listens on 127.0.0.1 unless HOST says otherwise, as README promises', (t) => {
  t.is(readConfig({}).HOST, '127.0.0.1');
  t.is(readConfig({ HOST: '0.0.0.0' }).HOST, '0.0.0.0');
});

/** A schema's default as the README writes it; '' when there is none. */
const defaultOf = (schema: z.ZodType): string => {
  const parsed = schema.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return '';
  return Array.isArray(parsed.data) ? parsed.data.join(',') : String(parsed.data);
};

const readmeTable = async (): Promise<Map<string, string>> => {
  const readme = await readFile(new URL('README.md', root), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  const rows = section.split('\n').filter((line) => /^\| `[A-Z_]+` \|/.test(line));
  return new Map(
    rows.map((row) => {
      const [variable, fallback] = row
        .split('|')
        .slice(1, 3)
        .map((cell) => cell.trim());
      return [variable!.replace(/`/g, ''), fallback!];
    }),
  );
};

test("README's configuration table lists every variable the schemas read, with its default, and no other", async (t) => {
  const table = await readmeTable();
  const shapes: Record<string, z.ZodType> = { ...gatewayConfigSchema.shape, ...deskConfigSchema.shape, ...configSchema.shape };
  t.deepEqual([...table.keys()].sort(), Object.keys(shapes).sort());
  for (const [variable, schema] of Object.entries(shapes)) {
    const expected = defaultOf(schema);
    const cell = table.get(variable) ?? '';
    if (expected === '') t.regex(cell, /^\(unset/, `${variable} has no default, so README says what leaving it unset means`);
    else t.is(cell, `\`${expected}\``, `${variable}'s default`);
  }
});
