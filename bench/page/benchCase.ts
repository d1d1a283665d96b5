/**
 * A benchmark case as the bench page runs it: a function that returns samples, and how to
 * read them. Ratios are always against a baseline case measured in the same run, in the same
 * page, because these machines are shared and absolute timings drift.
 */
export interface BenchCase {
  /** Unique within the run, e.g. `peerjs.roundtrip`. */
  readonly name: string;
  /** Unit of one sample, e.g. `ms`, `MB/s`. */
  readonly unit: string;
  /** Whether a smaller or a larger sample is the better one. */
  readonly better: 'lower' | 'higher';
  /** The case this one is compared with (ratio = this median / baseline median). */
  readonly baseline?: string;
  /** What the ratio should meet, e.g. `{ max: 1.1 }`: within 1.1x of the baseline. */
  readonly goal?: { readonly max?: number; readonly min?: number };
  /**
   * A second case to compare with, in columns of its own (this median / its median), for a
   * case read two ways: against itself at the smallest size (`baseline`, with the goal) and
   * against another design at the same size. No goal applies to it.
   */
  readonly versus?: string;
  /** Measures; resolves with the samples. */
  run(): Promise<number[]>;
}

/** What the page hands back to the harness for one case. */
export interface CaseResult {
  readonly name: string;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  readonly baseline?: string;
  readonly goal?: { readonly max?: number; readonly min?: number };
  readonly versus?: string;
  readonly samples: readonly number[];
}

/** The page's state, read by the harness through `window.__bench`. */
export interface BenchPageState {
  done: boolean;
  results: CaseResult[];
  error?: string;
  progress?: string;
}
