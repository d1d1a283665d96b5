/**
 * The members of the Rooms stories as controls: a name and a colour each.
 */
import type { ArgTypes } from '@storybook/html-vite';
import type { MemberSpec } from './virtualMember.ts';

export interface ThreeMembersArgs {
  readonly adaName: string;
  readonly adaColor: string;
  readonly boName: string;
  readonly boColor: string;
  readonly cyName: string;
  readonly cyColor: string;
}

export const THREE_MEMBERS: ThreeMembersArgs = {
  adaName: 'Ada',
  adaColor: '#2b4c7e',
  boName: 'Bo',
  boColor: '#3a7d44',
  cyName: 'Cy',
  cyColor: '#d9822b',
};

/** Controls for {@link ThreeMembersArgs}, to spread into a story's `argTypes`. */
export const THREE_MEMBERS_ARG_TYPES: Partial<ArgTypes<ThreeMembersArgs>> = {
  adaName: { control: 'text', description: 'The first member’s name: what the others list, shown as text.' },
  adaColor: { control: 'color', description: 'Background of the first member’s synthetic picture.' },
  boName: { control: 'text', description: 'The second member’s name.' },
  boColor: { control: 'color', description: 'Background of the second member’s picture.' },
  cyName: { control: 'text', description: 'The third member’s name.' },
  cyColor: { control: 'color', description: 'Background of the third member’s picture.' },
};

/** A tone each, so that members are told apart by ear too (unmute a video). */
const TONES = [440, 660, 880] as const;

/**
 * The three members, a blank name falling back to the default one.
 *
 * @example
 * ```ts
 * const [ada, bo, cy] = threeMembers(args);
 * ```
 */
export function threeMembers(args: ThreeMembersArgs): readonly [MemberSpec, MemberSpec, MemberSpec] {
  return [
    { name: args.adaName.trim() || THREE_MEMBERS.adaName, color: args.adaColor, frequency: TONES[0] },
    { name: args.boName.trim() || THREE_MEMBERS.boName, color: args.boColor, frequency: TONES[1] },
    { name: args.cyName.trim() || THREE_MEMBERS.cyName, color: args.cyColor, frequency: TONES[2] },
  ];
}

/**
 * The three names, as {@link threeMembers} gives them: what the play functions look for.
 *
 * @example
 * ```ts
 * const [ada, bo, cy] = threeNames(args);
 * ```
 */
export function threeNames(args: ThreeMembersArgs): readonly [string, string, string] {
  const [ada, bo, cy] = threeMembers(args);
  return [ada.name, bo.name, cy.name];
}
