/**
 * What the harness gives the bench page for the `hub` suite (bench/hubBench.ts): the hub of
 * today (BASELINE_COMMIT in bench/hubBuilds.ts) and the hub of the tree being benchmarked,
 * each built for production, measured side by side.
 */

/** One figure for each of the two hubs. */
export interface HubPair<T> {
  /** Today's hub: the last commit before issue 24's redesign. */
  readonly today: T;
  /** The hub of the working tree the bench runs in. */
  readonly now: T;
}

/** The bytes a hub's page loads at first (bench/hubBundle.ts says which files count). */
export interface BundleBytes {
  readonly rawBytes: number;
  /** Each file gzipped on its own at level 9, as a server would send it, summed. */
  readonly gzipBytes: number;
  /** The files counted, relative to the build's folder. */
  readonly files: readonly string[];
}

export interface WithHubBench {
  /** Builds both hubs (once per suite) and measures their first-load bytes. */
  __hubBundleBytes?: () => Promise<HubPair<BundleBytes>>;
  /** Serves both builds and times `rounds` first renders of each, interleaved, after one discarded warm-up each. */
  __hubFirstRenderMs?: (rounds: number) => Promise<HubPair<number[]>>;
}
