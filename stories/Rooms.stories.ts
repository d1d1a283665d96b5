import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor, within } from 'storybook/test';
import { DEFAULT_HEARTBEAT } from '../src/index.ts';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { renderLeaveRejoin, type LeaveRejoinArgs } from './rooms/leaveRejoinStory.ts';
import { THREE_MEMBERS, THREE_MEMBERS_ARG_TYPES, threeNames } from './rooms/memberArgs.ts';
import { renderRoomChat, type RoomChatArgs } from './rooms/roomChatStory.ts';
import {
  cardOf,
  lines,
  status,
  remoteVideos,
  rosterIds,
  rosterNames,
  selfId,
  slow,
  waitForFullRoster,
  waitForVideos,
} from './rooms/roomProbes.ts';
import { ROOMS_API, ROOMS_CONCEPTS, ROOMS_TEACHES } from './rooms/roomsGuide.ts';
import { renderRoster, type RosterArgs } from './rooms/rosterStory.ts';
import { stepGuide } from './support/stepGuide.ts';

// Every story's args differ, so each story is typed on its own and the meta carries none.
// The title's number places the step on the learning path (stories/support/learningPath.ts).
// The step's stories are in three files of this one title: this one (its meta makes the step's
// docs page), RoomsAdmission.stories.ts and RoomsLinks.stories.ts. Storybook lists the files of a
// title in the order of their paths, so their stories follow these, in the order of their numbers.
const meta: Meta = {
  title: '2. Rooms',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: stepGuide({
          step: 2,
          teaches: ROOMS_TEACHES,
          concepts: ROOMS_CONCEPTS,
          api: ROOMS_API,
          stories: [
            {
              exportName: 'Roster',
              name: '1. Roster',
              tryThis: 'three members find each other; every card lists the other two and plays their video.',
            },
            { exportName: 'Chat', name: '2. Chat', tryThis: 'send to everyone or to one member; every log shows what reached it.' },
            {
              exportName: 'LeaveAndRejoin',
              name: '3. Leave and rejoin',
              tryThis:
                'press **Leave**: the others drop the member at once, long before the heartbeat would; **Join** brings it back with a new ID.',
            },
            { exportName: 'WrongPassphrase', name: '4. Wrong passphrase', tryThis: 'a member without the passphrase is never admitted.' },
            { exportName: 'RoomFull', name: '5. Room full', tryThis: 'one member too many is told the room is full.' },
            {
              exportName: 'Stranger',
              name: '6. A stranger in the room',
              tryThis: 'a stranger sits where the members meet and says no to everyone: they meet all the same.',
            },
            {
              exportName: 'UplinkBudget',
              name: '7. Uplink budget',
              tryThis:
                'pick a budget and a member count: every call’s senders get their share; **Leave** one member and the others’ shares grow.',
            },
            {
              exportName: 'ConnectionQuality',
              name: '8. Connection quality',
              tryThis:
                'a live link rated from its real stats, and figures of your own (round trip, loss, relay) put into the words the hub shows.',
            },
          ],
        }),
      },
    },
  },
};

export default meta;

export const Roster: StoryObj<RosterArgs> = {
  name: '1. Roster',
  render: (args, { canvasElement }) => renderRoster(args, renderLifetime(canvasElement)),
  args: THREE_MEMBERS,
  argTypes: THREE_MEMBERS_ARG_TYPES,
  parameters: {
    docs: {
      description: {
        story:
          'Three members call `joinRoom(roomId, { name, stream })` at the same moment. Each card shows what that ' +
          'member’s `Room` tells it: `self$` (its own ID), `peers$` (everyone else, by name and ID) and a video per ' +
          'other member. A member may be listed a moment before its picture arrives: `stream$` is `null` until ' +
          'its call does.\n\n' +
          'The videos are one operator and one Observable (`stories/rooms/peerVideo.ts`). `peerVideo(peer, box)` ' +
          'makes a `<video>` when subscribed and removes it when unsubscribed; `forEachPeer` subscribes it when ' +
          'the member arrives in `peers$` and unsubscribes it when the member leaves. So each element lives exactly ' +
          'as long as its member’s stay, and leaving the room (which ends the roster) removes them all:\n\n' +
          '```ts\n' +
          'room.peers$.pipe(forEachPeer((peer) => peerVideo(peer, box))).subscribe();\n\n' +
          'const peerVideo = (peer, box) => new Observable(() => {\n' +
          "  const video = Object.assign(document.createElement('video'), { muted: true, autoplay: true });\n" +
          '  box.append(video);\n' +
          '  const playing = peer.stream$.subscribe((stream) => (video.srcObject = stream));\n' +
          '  return () => { playing.unsubscribe(); video.srcObject = null; video.remove(); };\n' +
          '});\n' +
          '```',
      },
    },
  },
  play: async ({ canvasElement, args, step }) => {
    const names = threeNames(args);
    await step('every member lists the two others', () => waitForFullRoster(canvasElement, names));
    await step('every member plays the two others’ streams', async () => {
      for (const name of names) await waitForVideos(cardOf(canvasElement, name), 2);
    });
    // The names at one end are the names the others joined with, and the IDs their self$.
    const ids = names.map((name) => selfId(cardOf(canvasElement, name)));
    await expect(new Set(ids).size).toBe(3);
    for (const [index, name] of names.entries()) {
      const others = ids.filter((_, other) => other !== index).sort();
      await expect(rosterIds(cardOf(canvasElement, name)).sort()).toEqual(others);
    }
  },
};

export const Chat: StoryObj<RoomChatArgs> = {
  name: '2. Chat',
  render: (args, { canvasElement }) => renderRoomChat(args, renderLifetime(canvasElement)),
  args: THREE_MEMBERS,
  argTypes: THREE_MEMBERS_ARG_TYPES,
  parameters: {
    docs: {
      description: {
        story:
          'The first member has the form. “Send” to Everyone calls `room.send(text)`; choosing a member calls ' +
          '`room.send(text, id)`, which reaches that member alone (its `messages$` marks it `direct`). Each log is ' +
          'written from that member’s own `messages$`, so a line is proof of delivery; `from` is an ID, and the ' +
          'roster turns it into the sender’s name. Messages from one sender arrive in the order sent. Names and ' +
          'text are shown as text: try `<img src=x onerror=alert(1)>`.',
      },
    },
  },
  play: async ({ canvasElement, args, userEvent, step }) => {
    const [ada, bo, cy] = threeNames(args);
    await waitForFullRoster(canvasElement, [ada, bo, cy]);
    const sender = within(cardOf(canvasElement, ada));
    const message = sender.getByRole('textbox', { name: 'Message' });
    const to = sender.getByRole('combobox', { name: 'To' });
    const send = sender.getByRole('button', { name: 'Send' });
    await expect(send).toBeEnabled();
    const say = async (text: string, recipient: string) => {
      await userEvent.selectOptions(to, recipient);
      await userEvent.type(message, text);
      await userEvent.click(send);
    };
    const payload = '<img src=x onerror=alert(1)>';

    await step('a broadcast, a direct message to the second member, and HTML as a broadcast', async () => {
      await say('Hello, everyone', 'Everyone');
      await say(`Psst, ${bo}`, bo);
      await say(payload, 'Everyone');
      await expect(message).toHaveValue('');
    });
    await step('each got what was meant for it, once', async () => {
      const atBo = cardOf(canvasElement, bo);
      const atCy = cardOf(canvasElement, cy);
      await waitFor(() => expect(lines(atBo, 'Chat log')).toHaveLength(3), slow);
      await waitFor(() => expect(lines(atCy, 'Chat log')).toHaveLength(2), slow);
      await expect(lines(atBo, 'Chat log')).toEqual([`${ada}: Hello, everyone`, `${ada} (to you only): Psst, ${bo}`, `${ada}: ${payload}`]);
      // Messages from one sender arrive in order: the third is in, so the second never will be.
      await expect(lines(atCy, 'Chat log')).toEqual([`${ada}: Hello, everyone`, `${ada}: ${payload}`]);
      await expect(lines(cardOf(canvasElement, ada), 'Chat log')).toEqual([
        `${ada} → everyone: Hello, everyone`,
        `${ada} → ${bo}: Psst, ${bo}`,
        `${ada} → everyone: ${payload}`,
      ]);
    });
    await step('the HTML stayed text', async () => {
      await expect(within(cardOf(canvasElement, cy)).getByText(payload)).toBeInTheDocument();
      await expect(canvasElement.querySelector('img')).toBeNull();
    });
  },
};

export const LeaveAndRejoin: StoryObj<LeaveRejoinArgs> = {
  name: '3. Leave and rejoin',
  render: (args, { canvasElement }) => renderLeaveRejoin(args, renderLifetime(canvasElement)),
  args: { ...THREE_MEMBERS, leaveAfterMs: 10_000 },
  argTypes: {
    ...THREE_MEMBERS_ARG_TYPES,
    leaveAfterMs: {
      control: { type: 'range', min: 2_000, max: 30_000, step: 500 },
      description:
        'The heartbeat’s `leaveAfterMs`: how long a member may be silent before the others drop it. Pings go every ' +
        `${DEFAULT_HEARTBEAT.heartbeatMs} ms. Long on purpose here: Leave is seen long before it could matter.`,
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          '“Leave” ends that member’s stay (here, unsubscribing calls `room.leave()`): it says goodbye on every link, ' +
          'so the others drop it from `peers$` at once — with `leaveAfterMs` set long, the heartbeat plainly had ' +
          'no part in it — and `forEachPeer` removes its video. “Join” calls `joinRoom` again: a new peer session, ' +
          'so a **new ID**, and a new `RemotePeer` at the others: they list the member anew, with nothing left of ' +
          'its first stay. If the member that left held the room’s directory, another one takes it up. Try it ' +
          'with any member, or all three.',
      },
    },
  },
  play: async ({ canvasElement, args, userEvent, step }) => {
    const names = threeNames(args);
    const [ada, bo, cy] = names;
    const card = (name: string) => cardOf(canvasElement, name);
    await waitForFullRoster(canvasElement, names);
    const firstId = selfId(card(cy));

    await step(`${cy} leaves: the others drop it at once`, async () => {
      await userEvent.click(within(card(cy)).getByRole('button', { name: 'Leave' }));
      // Less than a silent member could last: only the goodbye can have done it.
      const beforeHeartbeat = { timeout: args.leaveAfterMs - DEFAULT_HEARTBEAT.heartbeatMs };
      await waitFor(() => expect(rosterNames(card(ada))).toEqual([bo]), beforeHeartbeat);
      await waitFor(() => expect(rosterNames(card(bo))).toEqual([ada]), beforeHeartbeat);
      await waitFor(() => expect(remoteVideos(card(ada))).toHaveLength(1), slow);
      await expect(status(card(cy))).toHaveTextContent('Not in the room');
      await expect(rosterNames(card(cy))).toEqual([]);
      await expect(lines(card(ada), 'Roster changes')).toContain(`${cy} left (${firstId})`);
    });
    await step(`${cy} joins again, with a new ID`, async () => {
      await userEvent.click(within(card(cy)).getByRole('button', { name: 'Join' }));
      await waitForFullRoster(canvasElement, names);
      const secondId = selfId(card(cy));
      await expect(secondId).not.toBe(firstId);
      for (const name of [ada, bo]) {
        await expect(rosterIds(card(name))).toContain(secondId);
        await expect(rosterIds(card(name))).not.toContain(firstId);
        await waitForVideos(card(name), 2);
      }
    });
  },
};
