import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor, within } from 'storybook/test';
import { DEFAULT_MAX_MEMBERS } from '../src/index.ts';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { THREE_MEMBERS, THREE_MEMBERS_ARG_TYPES, threeNames } from './rooms/memberArgs.ts';
import { EVE, renderPassphrase, type PassphraseArgs } from './rooms/passphraseStory.ts';
import { renderRoomFull, type RoomFullArgs } from './rooms/roomFullStory.ts';
import { cardOf, lines, status, rosterNames, slow, waitForFullRoster } from './rooms/roomProbes.ts';
import { renderStranger, type StrangerArgs } from './rooms/strangerStory.ts';

// More stories of step 2, '2. Rooms': they join the step's docs page, made by Rooms.stories.ts's
// meta, and follow its stories in the sidebar (Storybook lists the files of a title in the order
// of their paths: Rooms.stories.ts, RoomsAdmission.stories.ts, RoomsLinks.stories.ts).
const meta: Meta = { title: '2. Rooms' };

export default meta;

export const WrongPassphrase: StoryObj<PassphraseArgs> = {
  name: '4. Wrong passphrase',
  render: (args, { canvasElement }) => renderPassphrase(args, renderLifetime(canvasElement)),
  args: { passphrase: 'open sesame', evePassphrase: 'open barley' },
  argTypes: {
    passphrase: { control: 'text', description: 'What Ada and Bo join with. Empty: a room without a passphrase.' },
    evePassphrase: { control: 'text', description: 'What Eve tries. Make it the same and she is let in.' },
  },
  parameters: {
    docs: {
      description: {
        story:
          'Ada and Bo join with `{ passphrase }` and admit each other: each answered the other’s challenge. Eve comes ' +
          'once both are in, with another passphrase. The server’s room directory lists a passphrase room’s members ' +
          'only to those who derive the same *lock* from the passphrase, so she is never told who Ada and Bo are: ' +
          'her `errors$` emits a `RoomError` with `reason` `wrong-passphrase` (others are here under another ' +
          'passphrase) and she is alone in the room. Neither Ada nor Bo ever hears of her. Had she found them some ' +
          'other way, their handshake would refuse her before telling her their names. No passphrase crossed the ' +
          'network: only challenges and HMACs.',
      },
    },
  },
  play: async ({ canvasElement, step }) => {
    const card = (name: string) => cardOf(canvasElement, name);
    await step('Ada and Bo admit each other', () => waitForFullRoster(canvasElement, ['Ada', 'Bo']));
    await step('Eve is told wrong-passphrase, and meets nobody', async () => {
      await waitFor(() => expect(lines(card(EVE.name), 'Errors').join('\n')).toMatch(/RoomError \(wrong-passphrase\)/), slow);
      await expect(rosterNames(card(EVE.name))).toEqual([]);
    });
    await step('Ada and Bo never list her, nor hear of her', async () => {
      for (const name of ['Ada', 'Bo']) {
        await expect(lines(card(name), 'Errors')).toEqual([]);
        await expect(rosterNames(card(name))).not.toContain(EVE.name);
        await expect(lines(card(name), 'Roster changes').join('\n')).not.toContain(EVE.name);
      }
    });
  },
};

export const RoomFull: StoryObj<RoomFullArgs> = {
  name: '5. Room full',
  render: (args, { canvasElement }) => renderRoomFull(args, renderLifetime(canvasElement)),
  args: { ...THREE_MEMBERS, maxMembers: 2 },
  argTypes: {
    ...THREE_MEMBERS_ARG_TYPES,
    maxMembers: {
      control: { type: 'range', min: 2, max: DEFAULT_MAX_MEMBERS, step: 1 },
      description: `Most members the room takes, counting each member itself (default ${DEFAULT_MAX_MEMBERS}). At 3 or more, the third is let in.`,
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          'Every member joins with `{ maxMembers }`. The first two admit each other; the third comes once they ' +
          'list each other, proves itself, and each member refuses it `room-full`, proving itself on the refusal. ' +
          'Once as many members as the room holds have said so (one member’s word alone could be a stranger’s), its ' +
          '`errors$` says so and its room ends. ' +
          '“Join” tries again — after one of the others has left, it gets in. A full room is something the ' +
          'newcomer must be told, so it is an error; the members inside see nothing.',
      },
    },
  },
  play: async ({ canvasElement, args, step }) => {
    const [ada, bo, cy] = threeNames(args);
    const card = (name: string) => cardOf(canvasElement, name);
    await step('the first two admit each other', () => waitForFullRoster(canvasElement, [ada, bo]));
    await step('the third is refused with room-full', async () => {
      await waitFor(() => expect(lines(card(cy), 'Errors').join('\n')).toMatch(/RoomError \(room-full\)/), slow);
      await waitFor(() => expect(status(card(cy))).toHaveTextContent('Not in the room'), slow);
      await expect(rosterNames(card(ada))).toEqual([bo]);
      await expect(rosterNames(card(bo))).toEqual([ada]);
    });
  },
};

export const Stranger: StoryObj<StrangerArgs> = {
  name: '6. A stranger in the room',
  render: (args, { canvasElement }) => renderStranger(args, renderLifetime(canvasElement)),
  args: { strangerAnswers: 'refused' },
  argTypes: {
    strangerAnswers: {
      control: 'inline-radio',
      options: ['refused', 'nothing'],
      description: 'What the stranger says to each member who dials it: "room full" and "wrong passphrase", or nothing at all.',
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          'Anyone who knows a room’s name may enter a room without a passphrase. This stranger does so first, with ' +
          'a plain PeerJS `Peer` and its own script, so the directory lists it to Ada and Bo, who dial it. It never ' +
          'proves anything: it answers with silence (the handshake times out) or with `refused` (“room full”, ' +
          '“wrong passphrase”). Ada and Bo meet all the same. A refusal counts only from a member that proved itself, ' +
          'and a full room only when as many members as it holds say so: the stranger’s word shows on their cards as ' +
          'a `RoomError` naming it (`peerId`), and ends nobody’s visit.',
      },
    },
  },
  play: async ({ canvasElement, args, step }) => {
    const card = (name: string) => cardOf(canvasElement, name);
    const strangerCard = within(canvasElement).getByRole('region', { name: 'Stranger' });
    const output = (label: string) => within(strangerCard).getByLabelText(label);
    await step('the stranger sits in the room’s directory', () =>
      waitFor(() => expect(output('Status')).toHaveTextContent('In the room’s directory'), slow),
    );
    await step('Ada and Bo meet all the same', () => waitForFullRoster(canvasElement, ['Ada', 'Bo']));
    await step('both dialed the stranger', () =>
      waitFor(() => expect(Number(output('Links members dialed to it').textContent)).toBeGreaterThanOrEqual(2), slow),
    );
    if (args.strangerAnswers === 'refused') {
      await step('its refusals are one member’s word: shown, and nobody leaves', async () => {
        await waitFor(() => expect(lines(card('Ada'), 'Errors').join('\n')).toMatch(/RoomError \(room-full\)/), slow);
        for (const name of ['Ada', 'Bo']) await expect(rosterNames(card(name))).toEqual([name === 'Ada' ? 'Bo' : 'Ada']);
      });
    }
  },
};
