// `npm run build`, and before `npm start` and the service processes: compiles the sources with
// tsc (tsconfig.build.json) into dist/ and copies the files they read at run time (SQL
// migrations, VCL). It builds only when a source is newer than the last build, so a start
// after a build costs a directory walk, not a compile.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

// Before npm start and the service processes: one Node process both installs what a fresh clone
// lacks and checks the build (two took about 60 ms more of every start).
if (process.argv.includes('--ensure-deps')) await import('./ensure-deps.mjs');

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const stamp = join(dist, '.built');
const sources = ['platform', 'services', 'gateway', 'edge', 'deploy', 'scripts'];
const assets = /\.(sql|vcl)$/;
const inputs = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json'];

const walk = function* (dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(path);
    else yield path;
  }
};

const files = sources.flatMap((s) => [...walk(join(root, s))]);
const newest = Math.max(...[...files, ...inputs.map((f) => join(root, f))].map((f) => statSync(f).mtimeMs));
if (process.argv.includes('--if-needed') && existsSync(stamp) && statSync(stamp).mtimeMs >= newest) process.exit(0);

console.error('Building dist/ (tsc -p tsconfig.build.json) ...');
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
  cwd: root,
});
for (const file of files.filter((f) => assets.test(f))) {
  const target = join(dist, relative(root, file));
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(file, target);
}
// The sources import the platform kit as `#platform/...`, which the root package.json maps to the
// .ts sources (for tsx, tests and the type checker). tsc leaves those specifiers as they are, so
// dist/ gets a package.json of its own, the nearest one for every compiled file, mapping them to
// the compiled .js instead.
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const compiled = Object.fromEntries(Object.entries(pkg.imports).map(([name, target]) => [name, target.replace(/\.ts$/, '.js')]));
writeFileSync(join(dist, 'package.json'), `${JSON.stringify({ type: 'module', imports: compiled }, null, 2)}\n`);
writeFileSync(stamp, new Date().toISOString());
