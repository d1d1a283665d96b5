/**
 * What a story started, stopped when the story is left. Stories register each resource they
 * create (a peer, a track, a subscription); the shared `beforeEach` in .storybook/preview.ts
 * hands Storybook {@link teardownStory} as the cleanup, so switching stories (in the UI or in
 * the test run) never leaves tracks, peers or graphs behind.
 */
type Teardown = () => void;

const pending: Teardown[] = [];

/**
 * Runs `teardown` when the current story is left. Returns it, for chaining.
 *
 * @example
 * ```ts
 * const stream = onStoryTeardown(createSyntheticStream(), (s) => s.getTracks().forEach((t) => t.stop()));
 * ```
 */
export function onStoryTeardown<T>(resource: T, teardown: (resource: T) => void): T {
  pending.push(() => teardown(resource));
  return resource;
}

/** Releases everything the current story registered, newest first. */
export function teardownStory(): void {
  for (const teardown of pending.splice(0).reverse()) {
    try {
      teardown();
    } catch (error) {
      console.error('story teardown failed', error);
    }
  }
}
