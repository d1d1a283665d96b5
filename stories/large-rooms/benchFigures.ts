/**
 * What the `janus` bench suite measured (README, "Benchmarks": rooms of 2, 4, 6 and 8, each
 * member a page of its own sharing 320x240 at 15 fps, on the mesh and on Janus round for
 * round, on a quiet 2-core machine: load 2–7). Written down once for the docs page and the stories;
 * a new run's figures go here and in the README together.
 */
export const BENCH_FIGURES = {
  /** The rooms compared: from 2 members to 8. */
  from: 2,
  to: 8,
  /** How much a member's uplink grew from 2 to 8 members on the mesh. */
  meshGrowth: 4.28,
  /** The same on Janus (the goal: within 1.2x). */
  janusGrowth: 1.06,
  /** A Janus member's uplink over a mesh member's, at 8. */
  janusOfMesh: 0.28,
  /** A room of 8's time to come together on Janus over the mesh's. */
  joinTimeOfMesh: 0.59,
  /** Each page's main-thread busy time at 6 members, Janus over the mesh. */
  busyOfMesh: 0.62,
} as const;
