/**
 * Who is in the Hearing peers rooms: you and two in-page members, each with a tone of its own
 * and a colour to draw it in.
 */

export interface HearingMember {
  readonly name: string;
  /** Hz of its voice: the three are 220 Hz apart, which a mix keeps apart from fftSize 1024 up. */
  readonly frequency: number;
  /** CSS colour of its spectrum and waveform. */
  readonly color: string;
}

/** This page's own member: the one whose room the cards show. */
export const YOU: HearingMember = { name: 'Ada', frequency: 440, color: '#2b4c7e' };

/** The two virtual members, each a `joinRoom` of its own in this page. */
export const OTHERS: readonly [HearingMember, HearingMember] = [
  { name: 'Bo', frequency: 660, color: '#3a7d44' },
  { name: 'Cy', frequency: 880, color: '#d9822b' },
];

/** Everyone, you first. */
export const EVERYONE: readonly HearingMember[] = [YOU, ...OTHERS];

/** Drawn for a member the story does not know (another tab that joined the same room). */
const STRANGER_COLOR = '#6e40c9';

/**
 * The colour to draw a member in, by the name it joined with.
 *
 * @example
 * ```ts
 * colorOf(peer.name); // '#3a7d44' for Bo
 * ```
 */
export function colorOf(name: string | undefined): string {
  return EVERYONE.find((member) => member.name === name)?.color ?? STRANGER_COLOR;
}
