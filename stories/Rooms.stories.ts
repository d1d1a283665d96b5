import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor, within } from 'storybook/test';
import { qualityText } from '../src/app/qualityText.ts';
import { DEFAULT_HEARTBEAT, DEFAULT_MAX_MEMBERS } from '../src/index.ts';
import { LINK_THRESHOLDS, type LinkQuality, type LinkQualityLevel } from '../src/rtc/index.ts';
import { AUDIO_KBPS, DEFAULT_UPLINK_KBPS, MIN_VIDEO_KBPS, shareUplink, type CallEncodings } from '../src/room/splitUplink.ts';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { renderLeaveRejoin, type LeaveRejoinArgs } from './rooms/leaveRejoinStory.ts';
import { renderLinkQuality, type LinkQualityArgs } from './rooms/linkQualityStory.ts';
import { THREE_MEMBERS, THREE_MEMBERS_ARG_TYPES, threeNames } from './rooms/memberArgs.ts';
import { EVE, renderPassphrase, type PassphraseArgs } from './rooms/passphraseStory.ts';
import { cell, readingRows, type ReadRow } from './rooms/readingProbes.ts';
import { renderRoomChat, type RoomChatArgs } from './rooms/roomChatStory.ts';
import { renderRoomFull, type RoomFullArgs } from './rooms/roomFullStory.ts';
import { cardOf, lines, remoteVideos, rosterIds, rosterNames, selfId, slow, waitForFullRoster, waitForVideos } from './rooms/roomProbes.ts';
import { ROOMS_API, ROOMS_CONCEPTS, ROOMS_TEACHES } from './rooms/roomsGuide.ts';
import { renderRoster, type RosterArgs } from './rooms/rosterStory.ts';
import { renderStranger, type StrangerArgs } from './rooms/strangerStory.ts';
import { firstMemberView, memberCount, renderUplinkBudget, UPLINK_MEMBERS, type UplinkBudgetArgs } from './rooms/uplinkBudgetStory.ts';
import { PICTURE } from './rooms/virtualMember.ts';
import { stepGuide } from './support/stepGuide.ts';

// Every story's args differ, so each story is typed on its own and the meta carries none.
// The title's number places the step on the learning path (stories/support/learningPath.ts).
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

const status = (card: HTMLElement) => within(card).getByRole('status', { name: 'Status' });

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

export const UplinkBudget: StoryObj<UplinkBudgetArgs> = {
  name: '7. Uplink budget',
  render: (args, { canvasElement }) => renderUplinkBudget(args, renderLifetime(canvasElement)),
  args: { uplinkKbps: 900, members: 3, firstShowsOthersAt: 60 },
  argTypes: {
    firstShowsOthersAt: {
      control: { type: 'range', min: 0, max: 240, step: 10 },
      description:
        'How tall (in pixels, 4:3) the first member shows the others’ videos, told with `peer.showVideoAt(size)`; 0 for any size. ' +
        'The others’ calls to it then send no larger, and their other calls get what it does not need.',
    },
    uplinkKbps: {
      control: { type: 'range', min: 100, max: 4_000, step: 50 },
      description: `\`JoinOptions.uplinkKbps\`: what each member may upload over all its calls together, in kbit/s (default ${DEFAULT_UPLINK_KBPS}). Every member joins with the same.`,
    },
    members: {
      control: { type: 'range', min: 2, max: UPLINK_MEMBERS.length, step: 1 },
      description:
        'How many members join the room: each places a call to every other one, so each shares its budget among members − 1 calls.',
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          'In a mesh a member uploads its media once per other member: with four others it sends its picture four ' +
          'times. So all of a member’s calls share one budget, `joinRoom(roomId, { uplinkKbps })`, and each call’s ' +
          `share shrinks as the room grows. \`splitUplink(uplinkKbps, calls)\` says how: audio first (${AUDIO_KBPS} kbit/s ` +
          `a call, high priority), the rest split evenly among the video senders (never below ${MIN_VIDEO_KBPS} kbit/s), ` +
          'each at a resolution its share can carry (`scaleResolutionDownBy` 1 from 1.2 Mbit/s, 2 from 500 kbit/s, 3 ' +
          'from 200, else 4). The room sets each call’s senders when the call connects and sets every call again when ' +
          'one comes or goes. Where the browser tells what its congestion control estimates the link carries ' +
          '(Chromium’s `availableOutgoingBitrate`), the budget fits a link narrower than it: once the estimate has ' +
          'settled below the budget, the budget in force drops to 90 % of it (`room.uplinkKbps$` tells it), so each ' +
          'call sends a smaller picture at a steady frame rate; it grows back a step at a time when the link widens.\n\n' +
          'The table on top is the rule for the chosen budget. Each card then shows what its member’s calls really ' +
          'carry: per call, the `maxBitrate` and `scaleResolutionDownBy` of `RTCRtpSender.getParameters().encodings[0]`, ' +
          'and **Sending**, the bitrate its connection sends, measured from its stats once a second (media, RTCP and the ' +
          'room’s messages when the call carries the link). The ceilings are ceilings: these small synthetic pictures ' +
          '(160×120) often need less, and on a congested link the browser sends less still. Press **Leave** on any ' +
          'member and the others’ shares grow; **Join** and they shrink again.\n\n' +
          'The Room API hands out members, not connections, so this story reaches each call’s `RTCPeerConnection` ' +
          'through `JoinOptions.createPeer`: it makes each member’s PeerJS `Peer` as `joinRoom` would and notes the ' +
          'calls it places (`stories/rooms/placedCalls.ts`). `uplinkKbps: Infinity` leaves every call at the ' +
          'browser’s own encodings.\n\n' +
          'A receiver need not be sent more than it shows. The first member tells each other member how large it shows ' +
          'their video, `peer.showVideoAt({ width, height })`, as the stage does for each cube (its face’s size on ' +
          'screen): their calls to it are sent at that size (`scaleResolutionDownBy` from the picture’s size) and the rate ' +
          'those pixels need (720p’s 1.2 Mbit/s pro rata, never below the floor), and what that call does not need goes ' +
          'to their other calls: `shareUplink(uplinkKbps, calls)`.',
      },
    },
  },
  play: async ({ canvasElement, args, userEvent, step }) => {
    const names = UPLINK_MEMBERS.slice(0, memberCount(args.members)).map((member) => member.name);
    const card = (name: string) => cardOf(canvasElement, name);
    const last = names[names.length - 1] ?? '';
    const first = names[0] ?? '';
    const expectShares = async (inRoom: readonly string[]) => {
      for (const name of inRoom) {
        const others = inRoom.filter((other) => other !== name).sort();
        await waitFor(() => {
          const rows = readingRows(card(name), 'Calls placed');
          expect(rows.map((row) => cell(row, 'To').text).sort()).toEqual(others);
          // One call to each other member: each gets its share of that many calls, of the
          // budget in force (the member's, or less while its link carries less).
          const inForce = budgetInForce(card(name));
          expect(inForce).toBeLessThanOrEqual(args.uplinkKbps);
          // The call to the first member is shown at its view: shareUplink, with that view.
          const views = others.map((other) => ({
            view: name !== first && other === first ? firstMemberView(args) : null,
            source: PICTURE,
          }));
          const shares = others.length > 0 ? shareUplink(inForce, views) : [];
          for (const [index, other] of others.entries()) {
            expectShare(
              rows.filter((row) => cell(row, 'To').text === other),
              shares[index],
            );
          }
        }, slow);
      }
    };
    await step(
      `each of ${names.length} members sends on ${names.length - 1} calls, each set to its share of ${args.uplinkKbps} kbit/s (shareUplink)`,
      () => expectShares(names),
    );
    await step(`${last} leaves: the others split the budget among ${names.length - 2} calls`, async () => {
      await userEvent.click(within(card(last)).getByRole('button', { name: 'Leave' }));
      await expectShares(names.slice(0, -1));
    });
    await step(`${last} joins again: back to ${names.length - 1} calls each`, async () => {
      await userEvent.click(within(card(last)).getByRole('button', { name: 'Join' }));
      await expectShares(names);
    });
  },
};

/** The budget a member's card says is in force, kbit/s. */
function budgetInForce(card: HTMLElement): number {
  const value = within(card).getByRole('status', { name: 'Budget in force' }).querySelector('data')?.value;
  if (value === undefined) throw new Error('no budget in force shown yet');
  return Number(value) / 1_000;
}

/** Checks that every call in `rows` is set as `share` says, and sends (inside a `waitFor`). */
function expectShare(rows: readonly ReadRow[], share: CallEncodings | undefined): void {
  expect(rows).toHaveLength(1);
  if (!share) throw new Error('no share for the call');
  for (const row of rows) {
    expect(cell(row, 'Audio ≤').value).toBe(share.audio.maxBitrate);
    expect(cell(row, 'Video ≤').value).toBe(share.video.maxBitrate);
    expect(cell(row, 'Video size ÷').value).toBe(share.video.scaleResolutionDownBy);
    expect(cell(row, 'Sending').value).toBeGreaterThan(0);
  }
}

/**
 * The level LINK_THRESHOLDS give a round trip and a loss ratio: the play function's own reading
 * of the thresholds, apart from linkQuality's.
 */
function thresholdLevel(roundTripMs: number | null, lossRatio: number | null): LinkQualityLevel {
  const past = (limit: { readonly roundTripMs: number; readonly lossRatio: number }) =>
    (roundTripMs !== null && roundTripMs >= limit.roundTripMs) || (lossRatio !== null && lossRatio >= limit.lossRatio);
  return past(LINK_THRESHOLDS.poor) ? 'poor' : past(LINK_THRESHOLDS.fair) ? 'fair' : 'good';
}

/**
 * Checks that a row of a quality table rates its own figures by the thresholds, in
 * qualityText's words (inside a `waitFor`).
 */
function expectRated(row: ReadRow | undefined): void {
  const roundTripMs = cell(row, 'Round trip').value;
  const lossRatio = cell(row, 'Lost').value;
  const relayed = cell(row, 'Relayed').text === 'yes';
  const level = thresholdLevel(roundTripMs, lossRatio);
  const expected: LinkQuality = { level, roundTripMs, lossRatio, relayed };
  expect(cell(row, 'Quality').text).toBe(level);
  expect(cell(row, 'In words').text).toBe(qualityText(expected));
}

export const ConnectionQuality: StoryObj<LinkQualityArgs> = {
  name: '8. Connection quality',
  render: (args, { canvasElement }) => renderLinkQuality(args, renderLifetime(canvasElement)),
  args: { roundTripMs: 200, lossPercent: 1, relayed: false },
  argTypes: {
    roundTripMs: {
      control: { type: 'range', min: 0, max: 1_000, step: 10 },
      description: `Round trip of the figures to try, in ms. From ${LINK_THRESHOLDS.fair.roundTripMs} it is fair, from ${LINK_THRESHOLDS.poor.roundTripMs} poor.`,
    },
    lossPercent: {
      control: { type: 'range', min: 0, max: 20, step: 0.5 },
      description: `Share of packets lost between two samples, in percent. From ${LINK_THRESHOLDS.fair.lossRatio * 100} % it is fair, from ${LINK_THRESHOLDS.poor.lossRatio * 100} % poor.`,
    },
    relayed: { control: 'boolean', description: 'Whether a TURN server carries the link: the words say so; the level does not change.' },
  },
  parameters: {
    docs: {
      description: {
        story:
          'The hub’s roster names each member’s connection in words: *good*, *fair* or *poor*. ' +
          '`peer.stats({ intervalMs })` samples the connection that brings the member’s media; `toLinkQuality()` ' +
          'rates each sample by its round trip and by the share of packets lost **since the sample before** ' +
          '(`linkQuality(previous, current)`), and says whether a TURN server relays it; `qualityText` puts that in a ' +
          'phrase, the reasons included when it is not good:\n\n' +
          '```ts\n' +
          'peer.stats({ intervalMs: 2_000 }).pipe(toLinkQuality())\n' +
          '  .subscribe((quality) => (badge.textContent = qualityText(quality)));\n' +
          '```\n\n' +
          `\`LINK_THRESHOLDS\`: fair from a round trip of ${LINK_THRESHOLDS.fair.roundTripMs} ms or ` +
          `${LINK_THRESHOLDS.fair.lossRatio * 100} % lost, poor from ${LINK_THRESHOLDS.poor.roundTripMs} ms or ` +
          `${LINK_THRESHOLDS.poor.lossRatio * 100} % lost — where talk starts to suffer. Ada and Bo rate their link ` +
          'from its real stats: in this one page it is as good as links get. A story cannot slow or break a real ' +
          'link, so **Try figures** rates figures of your own (the controls, or the form) through the same ' +
          '`linkQuality`, as two stats samples 10 000 packets apart. A real impaired link is what ' +
          '`e2e/linkQuality.spec.ts` checks: Chromium’s network emulation slows one member’s page and makes it lossy, ' +
          'and the others’ rosters call that link poor.',
      },
    },
  },
  play: async ({ canvasElement, args, userEvent, step }) => {
    await step('Ada and Bo each rate the link to the other from its real stats', async () => {
      for (const [name, other] of [
        ['Ada', 'Bo'],
        ['Bo', 'Ada'],
      ] as const) {
        await waitFor(() => {
          const [row] = readingRows(cardOf(canvasElement, name), 'Connection quality');
          expect(cell(row, 'Member').text).toBe(other);
          // Measured: ICE's round trip, and packets of Bo's media counted between two samples.
          expect(cell(row, 'Round trip').value).toBeGreaterThanOrEqual(0);
          expect(cell(row, 'Lost').value).toBeGreaterThanOrEqual(0);
          expectRated(row);
        }, slow);
      }
    });

    const panel = within(canvasElement).getByRole('region', { name: 'Try figures' });
    const rated = () => readingRows(panel, 'Quality of the figures')[0];
    await step('the controls’ figures are rated by the thresholds', () =>
      waitFor(() => {
        const row = rated();
        expect(cell(row, 'Round trip').value).toBe(args.roundTripMs);
        expect(cell(row, 'Relayed').text).toBe(args.relayed ? 'yes' : 'no');
        expect(cell(row, 'Quality').text).toBe(thresholdLevel(args.roundTripMs, args.lossPercent / 100));
        expectRated(row);
      }),
    );

    const form = within(panel);
    const roundTrip = form.getByRole('spinbutton', { name: 'Round trip (ms)' });
    const loss = form.getByRole('spinbutton', { name: 'Loss (%)' });
    const relayed = form.getByRole('checkbox', { name: 'Relayed' });
    const enter = async (input: HTMLElement, value: number) => {
      await userEvent.clear(input);
      await userEvent.type(input, String(value));
    };
    const { fair, poor } = LINK_THRESHOLDS;
    // Each threshold, and a step below the first: the word changes exactly there.
    const cases: readonly { readonly roundTripMs: number; readonly lossPercent: number; readonly level: LinkQualityLevel }[] = [
      { roundTripMs: fair.roundTripMs - 1, lossPercent: 0, level: 'good' },
      { roundTripMs: fair.roundTripMs, lossPercent: 0, level: 'fair' },
      { roundTripMs: poor.roundTripMs, lossPercent: 0, level: 'poor' },
      { roundTripMs: 0, lossPercent: fair.lossRatio * 100, level: 'fair' },
      { roundTripMs: 0, lossPercent: poor.lossRatio * 100, level: 'poor' },
    ];
    if (relayed instanceof HTMLInputElement && relayed.checked) await userEvent.click(relayed);
    for (const { roundTripMs, lossPercent, level } of cases) {
      await step(`${roundTripMs} ms and ${lossPercent} % lost: ${level}`, async () => {
        await enter(roundTrip, roundTripMs);
        await enter(loss, lossPercent);
        await waitFor(() => {
          expect(cell(rated(), 'Quality').text).toBe(level);
          expect(cell(rated(), 'Quality').text).toBe(thresholdLevel(roundTripMs, lossPercent / 100));
          expectRated(rated());
        });
      });
    }
    await step('a relayed link says so, and keeps its level', async () => {
      const before = cell(rated(), 'Quality').text;
      await userEvent.click(relayed);
      await waitFor(() => {
        expect(cell(rated(), 'Relayed').text).toBe('yes');
        expect(cell(rated(), 'Quality').text).toBe(before);
        expectRated(rated());
      });
    });
  },
};
