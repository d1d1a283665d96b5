/**
 * `npm run examples`: type-checks every TypeScript example in the docs — each ` ```ts ` block
 * of README.md and of the TSDoc in `src` (not the tests) — against today's API, and reports each
 * error at the example's own line. An example that no longer compiles tells the reader
 * something false.
 *
 * Each example becomes a module of its own in `.examples/` (git-ignored), its code the body of
 * an async function, checked with the project's tsconfig for its runtime (the server's examples
 * are Node code). What an example may use without importing it:
 * - the variables a reader is assumed to have in hand (tools/examples/browserContext.ts, or
 *   nodeContext.ts for the server): `room`, `peer`, `stream`, `stage`…;
 * - in TSDoc, everything its own module and the root entry export, and RxJS's values, as the
 *   docs around it do. README examples import the API themselves, as a reader who copies
 *   them must.
 * Anything else it declares (`declare const post: SignalingPost;`) or imports, relative
 * imports being relative to its file. A block shown as TypeScript but not meant to compile is
 * marked ` ```ts no-check `, with the reason beside it; the run lists those.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type ExampleModule, exampleModule, type ImplicitImports } from './examples/exampleModule.ts';
import { type Example, extractExamples } from './examples/extractExamples.ts';
import { exportedNames } from './examples/exportedNames.ts';
import { libraryEntries } from './libraryEntries.ts';
import { type CompilerError, compilerErrors } from './examples/compilerErrors.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, '.examples');
const ROOT_ENTRY = join(ROOT, 'src/index.ts');

type Runtime = 'browser' | 'node';

/** Per runtime: the project's tsconfig it is checked like, and the variables its examples may assume. */
const RUNTIMES: Record<Runtime, { tsconfig: string; context: string }> = {
  browser: { tsconfig: 'tsconfig.json', context: join(ROOT, 'tools/examples/browserContext.ts') },
  node: { tsconfig: 'tsconfig.node.json', context: join(ROOT, 'tools/examples/nodeContext.ts') },
};

/** Where the examples are: the README, and the library's, app's and server's source (not their tests). */
function documentedFiles(): string[] {
  const sources = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .map((path) => `src/${path.replaceAll('\\', '/')}`)
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.test.ts') && !path.startsWith('src/testing/'))
    .sort();
  return ['README.md', ...sources];
}

function runtimeOf(file: string): Runtime {
  return file.startsWith('src/server/') ? 'node' : 'browser';
}

/** RxJS's values (its operators, `Observable`, `of`…): TSDoc examples use them as freely as peerstage's own names. */
const RXJS: ImplicitImports = {
  from: 'rxjs',
  names: Object.keys(await import('rxjs')).map((name) => ({ name, typeOnly: false })),
};

const CONTEXTS: Record<Runtime, ImplicitImports> = {
  browser: { from: RUNTIMES.browser.context, names: exportedNames(RUNTIMES.browser.context) },
  node: { from: RUNTIMES.node.context, names: exportedNames(RUNTIMES.node.context) },
};
const ROOT_ENTRY_NAMES: ImplicitImports = { from: ROOT_ENTRY, names: exportedNames(ROOT_ENTRY) };

/** What an example in `file` may use unimported, earliest first (an earlier module's name wins). */
function implicitImports(file: string, runtime: Runtime): ImplicitImports[] {
  if (file.endsWith('.md')) return [CONTEXTS[runtime]];
  const own = { from: join(ROOT, file), names: exportedNames(join(ROOT, file)) };
  // The server's examples are Node code: the root entry and RxJS are the browser's.
  if (runtime === 'node') return [own, CONTEXTS.node];
  return [own, CONTEXTS.browser, ROOT_ENTRY_NAMES, RXJS];
}

/** Runs `tsc` on one runtime's examples and resolves with the errors it finds. */
function typeCheck(runtime: Runtime, paths: readonly string[]): Promise<CompilerError[]> {
  const tsconfig = join(OUT, `tsconfig.${runtime}.json`);
  const config = {
    extends: relative(OUT, join(ROOT, RUNTIMES[runtime].tsconfig)),
    compilerOptions: {
      // An example may leave a value unused (`const stage = …` to show what comes back).
      noUnusedLocals: false,
      noUnusedParameters: false,
      // `peerstage` and its subpaths (`peerstage/rtc`…) are the sources package.json's exports are built from.
      paths: Object.fromEntries(libraryEntries(ROOT).map(({ specifier, source }) => [specifier, [relative(OUT, join(ROOT, source))]])),
    },
    include: [],
    files: paths.map((path) => relative(OUT, path)),
  };
  writeFileSync(tsconfig, `${JSON.stringify(config, null, 2)}\n`);
  return new Promise((resolvePromise, reject) => {
    const tsc = spawn(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--noEmit', '--pretty', 'false', '-p', tsconfig], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    tsc.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    tsc.on('error', reject);
    tsc.on('exit', (code) => {
      const errors = compilerErrors(output);
      // A failure tsc says nothing parseable about (it crashed, say) still fails the check.
      if (code !== 0 && errors.length === 0) errors.push({ file: '', line: 0, column: 0, message: `tsc exited with ${code}: ${output}` });
      resolvePromise(errors);
    });
  });
}

/** An error as the line of the docs it is in, with that line's code; an error elsewhere as tsc gave it. */
function whereInTheDocs(error: CompilerError, modules: ReadonlyMap<string, { example: Example; module: ExampleModule }>): string {
  const generated = modules.get(resolve(ROOT, error.file));
  if (!generated) return error.file ? `${error.file}:${error.line}:${error.column} - ${error.message}` : error.message;
  const { example, module } = generated;
  const origin = module.origins[error.line - 1];
  if (!origin) return `${example.file}:${example.line}:1 - ${error.message} (in the code around the example: its imports or its end)`;
  return `${example.file}:${origin.line}:${error.column + origin.offset} - ${error.message}\n    ${origin.text.trim()}`;
}

const startedAt = Date.now();
rmSync(OUT, { recursive: true, force: true });
const modules = new Map<string, { example: Example; module: ExampleModule }>();
const paths: Record<Runtime, string[]> = { browser: [], node: [] };
const unchecked: Example[] = [];
let fromReadme = 0;
for (const file of documentedFiles()) {
  const examples = extractExamples(file, readFileSync(join(ROOT, file), 'utf8'));
  if (examples.length === 0) continue;
  const runtime = runtimeOf(file);
  const implicit = implicitImports(file, runtime);
  for (const example of examples) {
    if (!example.check) {
      unchecked.push(example);
      continue;
    }
    if (file === 'README.md') fromReadme += 1;
    const path = join(OUT, `${file.replace(/\.(ts|md)$/, '')}.${example.line}.ts`);
    const module = exampleModule(example, { module: path, source: join(ROOT, file) }, implicit);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, module.text);
    modules.set(path, { example, module });
    paths[runtime].push(path);
  }
}

const runtimes = (Object.keys(paths) as Runtime[]).filter((runtime) => paths[runtime].length > 0);
const errors = (await Promise.all(runtimes.map((runtime) => typeCheck(runtime, paths[runtime])))).flat();
for (const error of errors) console.log(whereInTheDocs(error, modules));

const seconds = ((Date.now() - startedAt) / 1000).toFixed(1);
console.log(
  `\n${modules.size} examples checked (${fromReadme} in README.md, ${modules.size - fromReadme} in TSDoc) in ${seconds} s: ` +
    `${errors.length === 0 ? 'no errors' : `${errors.length} error${errors.length === 1 ? '' : 's'}`}.`,
);
for (const example of unchecked) console.log(`not checked (${'```ts no-check'}): ${example.file}:${example.line}`);
process.exit(errors.length === 0 ? 0 : 1);
