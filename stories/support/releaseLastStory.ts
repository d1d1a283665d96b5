/**
 * A Vitest setup file for the stories' test projects: when a stories file's tests are done,
 * its last story is released too. Storybook runs a story's `beforeEach` cleanup
 * ({@link teardownStory}) only when the next story starts, and Vitest removes a file's frame
 * only when the next file starts, so without this the last story of a run keeps its peers,
 * media and render loop going until the browser closes — while `npm run test:firefox` runs
 * the other Firefox project beside it on the same 2 cores.
 */
import { afterAll } from 'vitest';
import { teardownStory } from './storyTeardown.ts';

afterAll(teardownStory);
