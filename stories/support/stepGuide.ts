/**
 * Every step's docs page has the same shape, so a learner always knows where to look: what the
 * step teaches, the concepts behind it in plain words, the peerstage API with a short example,
 * the stories to play with, and where to go next. The step's own guide (its API tables and
 * examples, kept beside its stories) becomes the API section.
 */
import { docsLink, INTRODUCTION_TITLE, LEARNING_PATH, pathStep, storyLink } from './learningPath.ts';

/** A story to play with: its export name in the stories file, and what to try in it. */
export interface StoryToTry {
  readonly exportName: string;
  /** The name shown in the sidebar. */
  readonly name: string;
  readonly tryThis: string;
}

export interface StepGuide {
  readonly step: number;
  /** Markdown: a paragraph or two. */
  readonly teaches: string;
  /** Markdown: the concepts this step rests on, each in a bold lead-in. */
  readonly concepts: string;
  /** Markdown: the step's existing guide (API table and runnable example). */
  readonly api: string;
  readonly stories: readonly StoryToTry[];
}

/** The headings every step's page carries, in order; the docs tests look for them. */
export const STEP_SECTIONS = ['What this step teaches', 'The concepts in plain words', 'The API', 'Stories to play with'] as const;

/**
 * The markdown of a step's docs page (its component description).
 *
 * @example
 * ```ts
 * parameters: { docs: { description: { component: stepGuide({ step: 2, teaches, concepts, api: ROOMS_GUIDE, stories }) } } }
 * ```
 */
export function stepGuide(guide: StepGuide): string {
  const { number, title } = pathStep(guide.step);
  const next = LEARNING_PATH.find((step) => step.number === number + 1);
  const tries = guide.stories.map(({ exportName, name, tryThis }) => `- [${name}](${storyLink(title, exportName)}): ${tryThis}`).join('\n');
  const onward = next
    ? `Next: [${next.title}](${docsLink(next.title)}) — ${next.what}.`
    : `That is the whole path. Back to the [${INTRODUCTION_TITLE}](${docsLink(INTRODUCTION_TITLE)}).`;
  return [
    `*Step ${number} of ${LEARNING_PATH.length} of the learning path ([${INTRODUCTION_TITLE}](${docsLink(INTRODUCTION_TITLE)})).*`,
    `## ${STEP_SECTIONS[0]}\n\n${guide.teaches.trim()}`,
    `## ${STEP_SECTIONS[1]}\n\n${guide.concepts.trim()}`,
    `## ${STEP_SECTIONS[2]}\n\n${guide.api.trim()}`,
    `## ${STEP_SECTIONS[3]}\n\n${tries}\n\nEach runs in this tab with synthetic media and in-page members; its play function, run as a test, checks what it teaches.`,
    onward,
  ].join('\n\n');
}
