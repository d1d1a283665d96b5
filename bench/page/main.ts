/**
 * The bench page: runs the suite named in `?suite=` (optionally only the cases in `?only=`)
 * and leaves its results in `window.__bench` for the harness (bench/run.ts).
 */
import type { BenchCase, BenchPageState } from './benchCase.ts';

const suites = import.meta.glob<{ cases: () => BenchCase[] }>('./suites/*.ts');
const state: BenchPageState = { done: false, results: [] };
(window as unknown as { __bench: BenchPageState }).__bench = state;
const log = document.querySelector('#log')!;

async function main(): Promise<void> {
  if (!crossOriginIsolated) console.warn('not cross-origin isolated: timings have 100 µs steps');
  const params = new URLSearchParams(location.search);
  const suite = params.get('suite') ?? '';
  const only = params.get('only')?.split(',').filter(Boolean) ?? [];
  const load = suites[`./suites/${suite}.ts`];
  if (!load) throw new Error(`no suite "${suite}"; have: ${Object.keys(suites).join(', ')}`);
  const { cases } = await load();
  for (const benchCase of cases()) {
    if (only.length > 0 && !only.some((name) => benchCase.name.includes(name))) continue;
    state.progress = benchCase.name;
    log.textContent = `running ${benchCase.name}…`;
    const samples = await benchCase.run();
    const { run: _run, ...description } = benchCase;
    state.results.push({ ...description, samples });
  }
}

main().then(
  () => {
    state.done = true;
    log.textContent = 'done';
  },
  (error: unknown) => {
    state.error = error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error);
    state.done = true;
    log.textContent = state.error;
  },
);
