import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor, within } from 'storybook/test';
import { LINK_THRESHOLDS, type LinkQualityLevel } from '../src/rtc/index.ts';
import { AUDIO_KBPS, DEFAULT_UPLINK_KBPS, MIN_VIDEO_KBPS, shareUplink } from '../src/room/splitUplink.ts';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { renderLinkQuality, type LinkQualityArgs } from './rooms/linkQualityStory.ts';
import { cell, readingRows } from './rooms/readingProbes.ts';
import { cardOf, slow } from './rooms/roomProbes.ts';
import { firstMemberView, memberCount, renderUplinkBudget, UPLINK_MEMBERS, type UplinkBudgetArgs } from './rooms/uplinkBudgetStory.ts';
import { PICTURE } from './rooms/virtualMember.ts';
import { budgetInForce, expectShare } from './rooms/uplinkProbes.ts';
import { expectRated, thresholdLevel } from './rooms/qualityProbes.ts';

// More stories of step 2, '2. Rooms': they join the step's docs page, made by Rooms.stories.ts's
// meta, and follow its stories in the sidebar (Storybook lists the files of a title in the order
// of their paths: Rooms.stories.ts, RoomsAdmission.stories.ts, RoomsLinks.stories.ts).
const meta: Meta = { title: '2. Rooms' };

export default meta;

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
