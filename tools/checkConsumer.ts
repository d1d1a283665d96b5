/**
 * `npm run test:consumer`: the package as a user gets it. Builds the library, packs it with
 * `npm pack`, installs the tarball into a fresh app in a temporary folder, then
 * - builds the app (tools/consumer/app) with Vite: it imports the root entry and every subpath,
 *   so an export missing from package.json, or a bundle that does not load, fails the build;
 * - type-checks it with tsc against the installed declarations, skipLibCheck off, so a type
 *   the package declares but cannot resolve fails;
 * - builds pages that import one small thing, from `peerstage/rtc` and from the root entry, and
 *   fails if three.js or Tone.js is in their bundles: one bundle per entry and `"sideEffects":
 *   false` must keep them out.
 *
 * It needs no network (`npm test` may run in a namespace with loopback only). `npm install
 * --offline <tarball>` is not enough: `npm ci` fills the cache with tarballs but not with the
 * registry's metadata, which an install without a lockfile needs to resolve versions
 * (ENOTCACHED). So the app gets a lockfile made from the project's own: the tarball and the
 * closure of its dependencies at the versions and integrities the project locked, and `npm ci
 * --offline` installs them from the cache. If the cache lacks one of them (another cache, or
 * a cleared one), it falls back to unpacking the tarball into the app's node_modules and
 * linking its dependencies to the project's: the package is still tested as packed, only its
 * dependencies come from here.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Rolldown } from 'vite';
import { libraryEntries } from './libraryEntries.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const APP_SOURCE = join(ROOT, 'tools/consumer/app');
/** Subpaths the app must be able to import, whatever package.json says: the test's own list, so that dropping one fails. */
const REQUIRED_SPECIFIERS = ['peerstage', 'peerstage/rtc', 'peerstage/room', 'peerstage/audio', 'peerstage/scene', 'peerstage/record'];
/** Pages that import one small thing, and what their bundles must not carry. */
const SMALL_PAGES = [
  { entry: 'src/linkOnly.ts', imports: 'LINK_THRESHOLDS from peerstage/rtc' },
  { entry: 'src/errorOnly.ts', imports: 'RoomError from peerstage' },
];
const HEAVY_PACKAGES = ['three', 'tone', 'standardized-audio-context'];

interface LockEntry {
  readonly version?: string;
  readonly integrity?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly [field: string]: unknown;
}

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const failures: string[] = [];
const startedAt = Date.now();

function step(label: string): void {
  console.log(`· ${label} (${((Date.now() - startedAt) / 1000).toFixed(1)} s)`);
}

function run(command: string, args: readonly string[], cwd: string): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  return { ok: result.status === 0, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
}

function fail(message: string): void {
  // One line, in the form tools/test-all.ts repeats in its summary.
  failures.push(message);
  console.log(`✘ consumer: ${message}`);
}

/** Where Node would find `name` from the lockfile entry at `from` (`''` for the project). */
function locate(lock: Record<string, LockEntry>, from: string, name: string): string | undefined {
  for (let base = from; ; base = base.includes('/node_modules/') ? base.slice(0, base.lastIndexOf('/node_modules/')) : '') {
    const candidate = `${base ? `${base}/` : ''}node_modules/${name}`;
    if (lock[candidate]) return candidate;
    if (!base) return undefined;
  }
}

/** A lockfile for an app that depends on the tarball alone: the project's entries for the closure of its dependencies. */
function consumerLockfile(tarball: string, pkg: { version: string; dependencies: Record<string, string> }): object {
  const lock = (JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> }).packages;
  const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`;
  const packages: Record<string, LockEntry> = {
    '': { name: 'peerstage-consumer', dependencies: { peerstage: `file:${tarball}` } },
    'node_modules/peerstage': { version: pkg.version, resolved: `file:${tarball}`, integrity, dependencies: pkg.dependencies },
  };
  const pending = Object.keys(pkg.dependencies).map((name) => ({ from: '', name }));
  for (let next = pending.pop(); next; next = pending.pop()) {
    const path = locate(lock, next.from, next.name);
    if (!path) throw new Error(`package-lock.json has no ${next.name} (needed by ${next.from || 'peerstage'})`);
    if (packages[path]) continue;
    // The project installs these for its development; in the app they are production dependencies.
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = lock[path] as LockEntry;
    packages[path] = entry;
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) pending.push({ from: path, name });
  }
  return { name: 'peerstage-consumer', lockfileVersion: 3, requires: true, packages };
}

/** Unpacks the tarball as npm would and links its dependencies to the project's (see the top of this file). */
function unpackInstead(app: string, tarball: string, dependencies: readonly string[]): void {
  const target = join(app, 'node_modules/peerstage');
  mkdirSync(target, { recursive: true });
  const untar = run('tar', ['-xzf', tarball, '-C', target, '--strip-components=1'], app);
  if (!untar.ok) throw new Error(`tar: ${untar.output}`);
  for (const name of dependencies) {
    mkdirSync(dirname(join(app, 'node_modules', name)), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules', name), join(app, 'node_modules', name), 'dir');
  }
}

/** The ids of every module in a Vite build's output. */
function moduleIds(output: Awaited<ReturnType<typeof build>>): string[] {
  const outputs = (Array.isArray(output) ? output : [output]) as Rolldown.RolldownOutput[];
  return outputs.flatMap(({ output: files }) => files.flatMap((file) => (file.type === 'chunk' ? file.moduleIds : [])));
}

/** A failed build's message without the bundler's native stack trace. */
function buildError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('Stack backtrace:')[0]?.replace(ANSI, '').trim() ?? message;
}

function buildPage(app: string, entry: string, outDir: string): ReturnType<typeof build> {
  return build({
    root: app,
    configFile: false,
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, minify: false, rolldownOptions: { input: join(app, entry) } },
  });
}

const work = mkdtempSync(join(tmpdir(), 'peerstage-consumer-'));
try {
  step('npm run build:lib');
  const lib = run('npm', ['run', '--silent', 'build:lib'], ROOT);
  if (!lib.ok) throw new Error(`build:lib failed:\n${lib.output}`);

  step('npm pack');
  const pack = run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], ROOT);
  if (!pack.ok) throw new Error(`npm pack failed:\n${pack.output}`);
  const tarball = join(work, pack.output.trim().split('\n').at(-1) ?? '');
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };
  const declared = libraryEntries(ROOT).map(({ specifier }) => specifier);
  for (const specifier of REQUIRED_SPECIFIERS.filter((required) => !declared.includes(required))) {
    fail(`package.json exports no ${specifier}`);
  }

  step('install the tarball into a fresh app');
  const app = join(work, 'app');
  cpSync(APP_SOURCE, app, { recursive: true });
  writeFileSync(
    join(app, 'package.json'),
    `${JSON.stringify({ name: 'peerstage-consumer', private: true, type: 'module', dependencies: { peerstage: `file:${tarball}` } }, null, 2)}\n`,
  );
  writeFileSync(join(app, 'package-lock.json'), `${JSON.stringify(consumerLockfile(tarball, pkg), null, 2)}\n`);
  const install = run('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], app);
  if (install.ok) console.log('  installed with npm ci --offline');
  else {
    console.log(`  npm ci --offline failed; unpacking the tarball instead:\n${install.output.replace(/^/gm, '    ')}`);
    rmSync(join(app, 'node_modules'), { recursive: true, force: true });
    unpackInstead(app, tarball, Object.keys(pkg.dependencies));
  }

  step('vite build of the app');
  let whole: string[] = [];
  try {
    whole = moduleIds(await buildPage(app, 'src/main.ts', 'dist/main'));
  } catch (error) {
    fail(`vite build of tools/consumer/app/src/main.ts: ${buildError(error)}`);
  }

  step('tsc over the app');
  const tsc = run(
    process.execPath,
    [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(app, 'tsconfig.json'), '--pretty', 'false'],
    app,
  );
  const errors = tsc.output.split('\n').filter((line) => /error TS\d+/.test(line));
  // Another package's own declarations may not pass a strict check (tone's do not, under
  // isolatedModules): that is theirs to fix, and a consumer's skipLibCheck hides it. What must
  // pass is the app and peerstage's declarations, where a type that does not resolve shows.
  // (In the fallback install they are the project's: elsewhere than the app, still in a node_modules.)
  const foreign = errors.filter((line) => line.includes('node_modules/') && !line.startsWith('node_modules/peerstage/'));
  for (const line of foreign) console.log(`  not ours: ${line}`);
  for (const line of errors.filter((error) => !foreign.includes(error))) fail(`tsc: ${line}`);
  if (!tsc.ok && errors.length === 0) fail(`tsc failed:\n${tsc.output}`);

  const inPackage = (ids: readonly string[], name: string) => ids.filter((id) => id.includes(`/node_modules/${name}/`));
  for (const page of SMALL_PAGES) {
    step(`vite build of a page that imports only ${page.imports}`);
    try {
      const small = moduleIds(await buildPage(app, page.entry, `dist/${page.entry}`));
      if (inPackage(small, 'peerstage').length === 0) fail(`${page.entry} bundles no module of peerstage: its check would prove nothing`);
      for (const name of HEAVY_PACKAGES) {
        const pulled = inPackage(small, name);
        if (pulled.length > 0) fail(`importing only ${page.imports} bundles ${name} (${pulled.length} modules, e.g. ${pulled[0]})`);
      }
      console.log(`  ${small.length} modules (${inPackage(small, 'peerstage').length} of peerstage)`);
    } catch (error) {
      fail(`vite build of tools/consumer/app/${page.entry}: ${buildError(error)}`);
    }
  }
  // The whole app does use three and Tone: were it not so, the check above could not tell.
  for (const name of ['three', 'tone']) {
    if (whole.length > 0 && inPackage(whole, name).length === 0)
      fail(`the whole app bundles no ${name}: the tree-shaking check cannot be trusted`);
  }
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  rmSync(work, { recursive: true, force: true });
}

const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
console.log(
  failures.length === 0
    ? `\nconsumer: the packed package builds, type-checks and tree-shakes (${seconds} s)`
    : `\nconsumer: ${failures.length} failure(s) (${seconds} s)`,
);
process.exit(failures.length === 0 ? 0 : 1);
