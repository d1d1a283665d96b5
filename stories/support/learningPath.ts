/**
 * The learning path: the seven steps of the classroom handout, in order, with the sidebar title
 * each step's stories file uses. The Introduction, the Welcome story, the step guides and the
 * tests of the built Storybook read it, so the path is written down once.
 *
 * Storybook reads a stories file's `title` without running it, so each file still spells its
 * title as a literal; the static-build test checks that the two agree.
 */
import { sanitize, storyNameFromExport, toId } from 'storybook/internal/csf';

export interface PathStep {
  /** 1 to 7: the number in the sidebar. */
  readonly number: number;
  /** The stories file's `title`: the number first, so that the sidebar sorts by it. */
  readonly title: string;
  /** One line: what a learner does in this step. */
  readonly what: string;
}

/** The title of the Introduction (the docs page and the Welcome story beside it). */
export const INTRODUCTION_TITLE = 'Introduction';

export const LEARNING_PATH: readonly PathStep[] = [
  { number: 1, title: '1. Peers, data and calls', what: 'open a peer, connect, chat, call with synthetic media, hang up, stats' },
  {
    number: 2,
    title: '2. Rooms',
    what: 'join a named room: everyone connects to everyone, chat, leave, passphrases, the uplink budget, link quality',
  },
  {
    number: 3,
    title: '3. Large rooms',
    what: 'past the mesh: what each member sends as a room grows, and the same room on a media server (Janus)',
  },
  { number: 4, title: '4. Hearing peers', what: 'analyse every member’s audio with Tone.js: levels, spectra, the room’s mix' },
  { number: 5, title: '5. Peers on cubes', what: 'every member’s video on a rotating three.js cube' },
  { number: 6, title: '6. Recording the stage', what: 'the stage and the room’s mixed audio into a seekable .webm file' },
  { number: 7, title: '7. The whole hub', what: 'the app people use for real room sessions, with everything above' },
];

/** The step numbered `number`; throws for a number off the path (a typo in a story). */
export function pathStep(number: number): PathStep {
  const step = LEARNING_PATH.find((candidate) => candidate.number === number);
  if (!step) throw new RangeError(`no step ${number} on the learning path`);
  return step;
}

/**
 * The sidebar link of a title's docs page, relative so that it works in `storybook dev` and
 * in a static build served under `/storybook/` alike.
 *
 * @example
 * ```ts
 * docsLink('2. Rooms'); // '?path=/docs/2-rooms--docs'
 * ```
 */
export function docsLink(title: string): string {
  return `?path=/docs/${sanitize(title)}--docs`;
}

/**
 * The sidebar link of one story, from its file's title and its export name (Storybook makes
 * story IDs from those two, not from the displayed `name`).
 *
 * @example
 * ```ts
 * storyLink('2. Rooms', 'Roster'); // '?path=/story/2-rooms--roster'
 * ```
 */
export function storyLink(title: string, exportName: string): string {
  return `?path=/story/${toId(title, storyNameFromExport(exportName))}`;
}
