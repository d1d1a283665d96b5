import { BENCH_FIGURES } from './large-rooms/benchFigures.ts';
import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor, within } from 'storybook/test';
import { DEFAULT_MAX_MEMBERS } from '../src/room/JoinOptions.ts';
import { DEFAULT_JANUS_MAX_MEMBERS } from '../src/room/janus/JanusRoom.ts';
import { JANUS_CONNECTIONS } from '../src/room/janus/uplinkModel.ts';
import { DEFAULT_UPLINK_KBPS } from '../src/room/splitUplink.ts';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { LARGE_ROOMS_API, LARGE_ROOMS_CONCEPTS, LARGE_ROOMS_TEACHES } from './large-rooms/largeRoomsGuide.ts';
import { meterRegion, meterRows, settledUplink } from './large-rooms/largeRoomsProbes.ts';
import {
  MEASURED_MEMBERS,
  measuredCount,
  ON_JANUS,
  ON_THE_MESH,
  renderMeasuredRoom,
  type MeasuredRoomArgs,
} from './large-rooms/measuredRoomStory.ts';
import {
  COST_COLUMNS,
  MESH_COLOR,
  modelOf,
  renderMeshVersusServer,
  type MeshVersusServerArgs,
} from './large-rooms/meshVersusServerStory.ts';
import { cell, readingRows } from './rooms/readingProbes.ts';
import { cardOf, slow } from './rooms/roomProbes.ts';
import { stepGuide } from './support/stepGuide.ts';

// Every story's args differ, so each story is typed on its own and the meta carries none.
// The title's number places the step on the learning path (stories/support/learningPath.ts):
// right after the rooms, as what a room does when it outgrows the mesh.
const meta: Meta = {
  title: '3. Large rooms',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: stepGuide({
          step: 3,
          teaches: LARGE_ROOMS_TEACHES,
          concepts: LARGE_ROOMS_CONCEPTS,
          api: LARGE_ROOMS_API,
          stories: [
            {
              exportName: 'MeshVsMediaServer',
              name: '1. Mesh vs media server',
              tryThis: `slide \`members\` past ${DEFAULT_MAX_MEMBERS}: the mesh stops, its uplink line climbs; Janus stays flat. Try 3 \`layers\`.`,
            },
            {
              exportName: 'MeasuredInThisPage',
              name: '2. Measured in this page',
              tryThis:
                'press **Leave** on a member: the others send one copy fewer on two connections fewer; give `janusUrl` a Janus to compare.',
            },
          ],
        }),
      },
    },
  },
};

export default meta;

export const MeshVsMediaServer: StoryObj<MeshVersusServerArgs> = {
  name: '1. Mesh vs media server',
  render: (args) => renderMeshVersusServer(args),
  args: { members: DEFAULT_MAX_MEMBERS, kbps: 300, layers: 1 },
  argTypes: {
    members: {
      control: { type: 'range', min: 2, max: DEFAULT_JANUS_MAX_MEMBERS, step: 1 },
      description: `How many members the room has, each counting itself. A mesh room takes ${DEFAULT_MAX_MEMBERS} (\`maxMembers\`), a Janus room ${DEFAULT_JANUS_MAX_MEMBERS}.`,
    },
    kbps: {
      control: { type: 'range', min: 50, max: 2_500, step: 50 },
      description: 'What one copy of a member’s media takes at full size, in kbit/s: about 300 for 320×240, 1 200 for 720p.',
    },
    layers: {
      control: { type: 'range', min: 1, max: 3, step: 1 },
      description:
        'Simulcast layers each member sends to Janus: 1 below 270 lines, 2 from 270, 3 from 540 (a 720p camera). Each costs half the one above.',
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          'What one member sends and how many connections it keeps, from `uplinkModel(members, { streamKbps, layers })` ' +
          '(`src/room/janus/uplinkModel.ts`): on the mesh, N − 1 copies on 2(N − 1) connections; on Janus, one copy (and its ' +
          'layers) on 3. The table is the room you chose; the chart is every size up to it, the mesh’s line dashed past ' +
          `${DEFAULT_MAX_MEMBERS}, where a mesh room refuses members (\`room-full\`). “At full size” is what a member would send; ` +
          '“within the budget” is what it may (`uplinkKbps`, 2000 kbit/s by default): past it, each copy is sent smaller. ' +
          'Under the chart, what the `janus` bench suite measured in real rooms of 2 to 8.',
      },
    },
  },
  play: async ({ canvasElement, args, step }) => {
    const model = modelOf(args);
    const { members } = model;
    const rows = () => readingRows(canvasElement, 'A member’s cost');
    await step(
      `a mesh member sends ${members - 1} copies on ${2 * (members - 1)} connections; a Janus member one on ${JANUS_CONNECTIONS}`,
      async () => {
        const [mesh, janus] = rows();
        await expect([cell(mesh, 'Transport').text, cell(janus, 'Transport').text]).toEqual(['Mesh', 'Janus']);
        await expect(cell(mesh, 'Copies sent').value).toBe(members - 1);
        await expect(cell(mesh, 'Connections').value).toBe(2 * (members - 1));
        await expect(cell(janus, 'Copies sent').value).toBe(1);
        await expect(cell(janus, 'Connections').value).toBe(JANUS_CONNECTIONS);
        // Both download a copy of each other member.
        await expect([cell(mesh, 'Copies received').value, cell(janus, 'Copies received').value]).toEqual([members - 1, members - 1]);
        await expect(cell(mesh, 'Takes the room').text).toBe(
          `${members <= DEFAULT_MAX_MEMBERS ? 'yes' : 'no'}: at most ${DEFAULT_MAX_MEMBERS}`,
        );
        await expect(cell(janus, 'Takes the room').text).toBe(
          `${members <= DEFAULT_JANUS_MAX_MEMBERS ? 'yes' : 'no'}: at most ${DEFAULT_JANUS_MAX_MEMBERS}`,
        );
      },
    );
    await step('every figure is the model’s', async () => {
      for (const [row, cost] of [
        [rows()[0], model.mesh],
        [rows()[1], model.janus],
      ] as const) {
        await expect(cell(row, 'At full size').value).toBe(cost.wantedKbps);
        await expect(cell(row, 'Sent within the budget').value).toBe(cost.uplinkKbps);
        await expect(cell(row, 'Sent within the budget').value).toBeLessThanOrEqual(cost.wantedKbps);
      }
      await expect(Object.keys(rows()[0] ?? {})).toEqual([...COST_COLUMNS]);
    });
    await step(`the page says where the mesh stops: at ${DEFAULT_MAX_MEMBERS}`, async () => {
      const size = within(canvasElement).getByLabelText('Room size');
      await expect(size).toHaveTextContent(
        members > DEFAULT_MAX_MEMBERS
          ? `The mesh stops at ${DEFAULT_MAX_MEMBERS}`
          : `The mesh takes ${members} of at most ${DEFAULT_MAX_MEMBERS}`,
      );
      const chart = within(canvasElement).getByRole('img', { name: /^Uplink per member/ });
      await expect(chart).toHaveTextContent(`the mesh stops (maxMembers ${DEFAULT_MAX_MEMBERS})`);
      await expect(within(canvasElement).getByLabelText('Measured')).toHaveTextContent(
        `grew ${BENCH_FIGURES.janusGrowth}x on Janus and ${BENCH_FIGURES.meshGrowth}x on the mesh`,
      );
    });
  },
};

export const MeasuredInThisPage: StoryObj<MeasuredRoomArgs> = {
  name: '2. Measured in this page',
  render: (args, { canvasElement }) => renderMeasuredRoom(args, renderLifetime(canvasElement)),
  args: { members: 3, budget: false, janusUrl: '' },
  argTypes: {
    members: {
      control: { type: 'range', min: 2, max: MEASURED_MEMBERS.length, step: 1 },
      description: `How many members join, all in this page (2 to ${MEASURED_MEMBERS.length}): each encodes its picture once per other member, so a mesh of ${MEASURED_MEMBERS.length} keeps ${MEASURED_MEMBERS.length * (MEASURED_MEMBERS.length - 1)} encoders busy in this one tab.`,
    },
    budget: {
      control: 'boolean',
      description:
        `Join with the default uplink budget (\`uplinkKbps\`, ${DEFAULT_UPLINK_KBPS} kbit/s): each call’s share, and so its picture, shrinks as calls multiply, ` +
        'so the uplink grows less than the copies do. Off (the default): `uplinkKbps: Infinity`, every copy the same picture.',
    },
    janusUrl: {
      control: 'text',
      description:
        'A Janus server’s WebSocket: point it at a Janus, e.g. the hub’s ws://host/janus/0 (`npm start` runs one when Debian’s `janus` is installed). ' +
        'Empty (the default): no Janus, only the mesh is measured.',
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          'A real mesh room in this page: each member is its own `joinRoom` through this Storybook’s `/peerjs`, sharing a 160×120 ' +
          'synthetic picture and tone. Each row reads, once a second, what that member’s senders send: the RTP bytes (payload and ' +
          'headers) of every `outbound-rtp` of the senders carrying its tracks, over its connected RTCPeerConnections, as the ' +
          '`janus` bench suite counts a member’s uplink. “Video copies” is how many senders carry its picture, “Connections” how ' +
          'many RTCPeerConnections it keeps (the story makes each member’s PeerJS `Peer` itself, through `JoinOptions.createPeer`, ' +
          'to see them), and “Model” what `uplinkModel` says a member of a room that size sends at the rate one copy takes here. ' +
          'The chart draws the model’s lines at that rate and a dot for each size the room settled at: press **Leave** on a member ' +
          'and the others drop to one copy fewer, on two connections fewer, and their uplink falls along the mesh’s line. ' +
          'Members join with `uplinkKbps: Infinity`, so every copy is the same picture and the uplink follows the copies; turn ' +
          '`budget` on and each call’s share of the default budget, and so its picture, shrinks as calls multiply (step 2’s ' +
          'Uplink budget): the uplink then grows less than the copies — one reason the bench’s mesh grew less than the model.\n\n' +
          'With `janusUrl` set, the same members join a room on that Janus as well (its media goes straight to Janus’s UDP ports, ' +
          'so the Janus must be reachable from this browser). Janus hands out no connections per member, so the story notes every ' +
          'RTCPeerConnection the page makes while it runs and counts as Janus’s those no mesh member made. Without one, the ' +
          'story says so and measures the mesh alone: that is how it runs in the tests.',
      },
    },
  },
  play: async ({ canvasElement, args, userEvent, step }) => {
    const members = measuredCount(args.members);
    const expected = (count: number) => ({ members: count, connections: 2 * (count - 1), copies: count - 1 });
    let before = 0;
    await step(`each of ${members} members sends ${members - 1} copies of its picture on ${2 * (members - 1)} connections`, async () => {
      before = await settledUplink(canvasElement, ON_THE_MESH, expected(members), { warmUp: true });
    });
    if (members >= 3) {
      const last = MEASURED_MEMBERS[members - 1]?.name ?? '';
      await step(`${last} leaves: the others send ${members - 2} copies on ${2 * (members - 2)} connections, and less`, async () => {
        const mesh = meterRegion(canvasElement, ON_THE_MESH);
        await userEvent.click(within(cardOf(mesh, last)).getByRole('button', { name: 'Leave' }));
        const after = await settledUplink(canvasElement, ON_THE_MESH, expected(members - 1), { warmUp: true });
        // The model: (N − 1) / (N − 2) times as much, each copy the same picture. Loose, halfway
        // to no growth at all: a loaded machine's encoders shed frames, but a copy more is never
        // free. Under the budget each copy also shrinks as calls multiply: then only "more".
        const modelGrowth = (members - 1) / (members - 2);
        await expect(before / after).toBeGreaterThanOrEqual(args.budget ? 1.1 : 1 + (modelGrowth - 1) / 2);
      });
      await step('the chart shows both sizes the room settled at', () =>
        waitFor(() =>
          expect(
            within(canvasElement)
              .getByRole('img', { name: /^Uplink per member/ })
              .querySelectorAll(`circle[fill="${MESH_COLOR}"]`),
          ).toHaveLength(2),
        ),
      );
      await step(`${last} joins again: back to ${members - 1} copies each`, async () => {
        const mesh = meterRegion(canvasElement, ON_THE_MESH);
        await userEvent.click(within(cardOf(mesh, last)).getByRole('button', { name: 'Join' }));
        await waitFor(() => {
          const rows = meterRows(mesh, ON_THE_MESH);
          expect(rows).toHaveLength(members);
          for (const row of rows)
            expect([cell(row, 'Connections').value, cell(row, 'Video copies').value]).toEqual([2 * (members - 1), members - 1]);
        }, slow);
      });
    }
    const janusUrl = args.janusUrl.trim();
    if (!janusUrl) {
      await step('with no Janus, the story says so in words', () =>
        expect(meterRegion(canvasElement, ON_JANUS)).toHaveTextContent(/^On JanusNo Janus here/),
      );
    } else if (!/^wss?:\/\/./i.test(janusUrl)) {
      await step('a janusUrl that is no WebSocket URL is refused, in words', () =>
        expect(meterRegion(canvasElement, ON_JANUS)).toHaveTextContent('TypeError: janusTransport: url must be a ws: or wss: URL'),
      );
    } else {
      await step(`on Janus, each of ${members} members sends one copy on ${JANUS_CONNECTIONS} connections`, async () => {
        await settledUplink(canvasElement, ON_JANUS, { members, connections: JANUS_CONNECTIONS, copies: 1 });
      });
    }
  },
};
