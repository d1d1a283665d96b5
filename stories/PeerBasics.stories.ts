import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor, within } from 'storybook/test';
import { renderCall, type CallArgs } from './peer-basics/callStory.ts';
import { CAMERA_ARG_TYPE } from './peer-basics/cameraOrSynthetic.ts';
import { renderChat, type ChatArgs } from './peer-basics/chatStory.ts';
import { OBSERVABLES_GUIDE } from './peer-basics/observablesGuide.ts';
import { PEER_CONCEPTS, PEER_TEACHES } from './peer-basics/peerConcepts.ts';
import { renderOpenPeer, type OpenPeerArgs } from './peer-basics/openPeerStory.ts';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { renderStats, type StatsArgs } from './peer-basics/statsStory.ts';
import { renderSwitch, type SwitchArgs } from './peer-basics/switchStory.ts';
import { callBob, hangUp, slow } from './peer-basics/callProbes.ts';
import { cssColor, meanColor, nearer, waitUntilPlaying } from './peer-basics/videoProbes.ts';
import { stepGuide } from './support/stepGuide.ts';

// Every story's args differ, so each story is typed on its own and the meta carries none.
// The title's number places the step on the learning path (stories/support/learningPath.ts).
const meta: Meta = {
  title: '1. Peers, data and calls',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: stepGuide({
          step: 1,
          teaches: PEER_TEACHES,
          concepts: PEER_CONCEPTS,
          api: OBSERVABLES_GUIDE,
          stories: [
            {
              exportName: 'OpenAPeer',
              name: '1. Open a peer',
              tryThis: 'watch `state$` go from `connecting` to `open` and the ID arrive.',
            },
            {
              exportName: 'OpenAPeerWithAChosenId',
              name: '1b. Open a peer with a chosen ID',
              tryThis: 'open it in two tabs: the second gets `id-taken`.',
            },
            { exportName: 'ConnectAndChat', name: '2. Connect and chat', tryThis: 'type to Bob over a data channel; try some HTML.' },
            { exportName: 'ChatWithHtmlInAName', name: '2b. Chat with HTML in a name', tryThis: 'a hostile name stays text.' },
            {
              exportName: 'CallWithSyntheticMedia',
              name: '3. Call with synthetic media',
              tryThis: 'call Bob and hang up; turn **camera** on to share yours.',
            },
            {
              exportName: 'SwitchWhatYouShare',
              name: '4. Switch what you share',
              tryThis: '`replaceTrack` mid-call, as a screen share does.',
            },
            { exportName: 'Stats', name: '5. Stats', tryThis: 'round trip, bitrates and the ICE route of a call.' },
          ],
        }),
      },
    },
  },
};

export default meta;

export const OpenAPeer: StoryObj<OpenPeerArgs> = {
  name: '1. Open a peer',
  render: (args, { canvasElement }) => renderOpenPeer(args, renderLifetime(canvasElement)),
  args: { id: '' },
  argTypes: {
    id: { control: 'text', description: 'The ID to register. Empty: the signaling server picks a random one.' },
  },
  parameters: {
    docs: {
      description: {
        story:
          'Subscribing to `peerSession({ id })` creates a PeerJS `Peer` and registers it with the signaling server. ' +
          '`state$` replays where the registration stands — `connecting`, then `open` — and `id$` emits the ID once the ' +
          'server has accepted it: the ID other peers connect to. Give an `id` to choose it; a taken or invalid one ' +
          'ends the session with a `SignalingError` (`id-taken`, `invalid-id`), shown under errors. `errors$` carries ' +
          'what goes wrong without ending the session, such as losing the server for a while.',
      },
    },
  },
  play: async ({ canvas, args }) => {
    const state = canvas.getByRole('status', { name: 'State' });
    await waitFor(() => expect(state).toHaveTextContent('open'), slow);
    const transitions = canvas.getByRole('list', { name: 'State transitions' });
    await expect(transitions.querySelector('li')).toHaveTextContent(/^connecting/);
    await expect(transitions.querySelector('li:last-child')).toHaveTextContent(/^open/);
    const id = canvas.getByRole('status', { name: 'Peer ID' }).textContent;
    if (args.id) await expect(id).toBe(args.id);
    // PeerServer's random IDs are UUIDs.
    else await expect(id).toMatch(/^[0-9a-f-]{36}$/);
  },
};

export const OpenAPeerWithAChosenId: StoryObj<OpenPeerArgs> = {
  ...OpenAPeer,
  name: '1b. Open a peer with a chosen ID',
  args: { id: 'peer-basics-ada' },
  parameters: {
    docs: {
      description: {
        story:
          'The same `peerSession({ id })` with an ID of our choosing: `id$` emits exactly it. Open this story in two ' +
          'tabs and the second one fails with a `SignalingError` whose `reason` is `id-taken`.',
      },
    },
  },
};

export const ConnectAndChat: StoryObj<ChatArgs> = {
  name: '2. Connect and chat',
  render: (args, { canvasElement }) => renderChat(args, renderLifetime(canvasElement)),
  args: { name: 'Alice', bobReplies: 'echo' },
  argTypes: {
    name: { control: 'text', description: 'Alice’s name: it travels to Bob in the connection’s `metadata`.' },
    bobReplies: {
      control: 'inline-radio',
      options: ['echo', 'shout'],
      description: 'How Bob answers each message: the same text, or in capitals.',
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          'Alice waits for Bob’s `id$`, then subscribes to `connect(bobId, { metadata: { name } })`, which emits a ' +
          '`DataChannel` once it is open. At Bob’s end the same channel arrives on `connections$`. Each side reads ' +
          '`messages$` and writes with `send()`. Every line of the log is written where the message *arrived* — ' +
          'Alice’s lines by Bob’s `messages$`, Bob’s by Alice’s — so a line is proof of delivery. `closed$` ends ' +
          'the chat whichever side closes. Messages and names are shown as text, never parsed as HTML.',
      },
    },
  },
  play: async ({ canvas, canvasElement, userEvent, args }) => {
    const send = canvas.getByRole('button', { name: 'Send' });
    await waitFor(() => expect(send).toBeEnabled(), slow);
    const message = canvas.getByRole('textbox', { name: 'Message' });
    const log = canvas.getByRole('list', { name: 'Chat log' });
    const lines = () => Array.from(log.querySelectorAll('li'), (line) => line.textContent);

    await userEvent.type(message, 'Hello Bob');
    await userEvent.click(send);
    await waitFor(() => expect(lines()).toEqual([`${args.name}: Hello Bob`, 'Bob: Hello Bob']), slow);
    await expect(message).toHaveValue('');

    // Chat text comes from the other peer: it must stay text.
    const payload = '<img src=x onerror=alert(1)>';
    await userEvent.type(message, payload);
    await userEvent.click(send);
    await waitFor(() => expect(within(log).getAllByText(payload)).toHaveLength(2), slow);
    await expect(lines().slice(2)).toEqual([`${args.name}: ${payload}`, `Bob: ${payload}`]);
    await expect(log.querySelector('img')).toBeNull();
    await expect(canvasElement.querySelector('img')).toBeNull();
  },
};

export const ChatWithHtmlInAName: StoryObj<ChatArgs> = {
  ...ConnectAndChat,
  name: '2b. Chat with HTML in a name',
  args: { name: '<b onmouseover=alert(1)>Mallory</b>', bobReplies: 'shout' },
  parameters: {
    docs: {
      description: {
        story:
          'A name is chosen by the remote peer too: Bob shows the `name` from the connection’s `metadata` as text. ' +
          'Bob shouts here: his answers come back in capitals.',
      },
    },
  },
  play: async ({ canvas, userEvent, args }) => {
    const send = canvas.getByRole('button', { name: 'Send' });
    await waitFor(() => expect(send).toBeEnabled(), slow);
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'hi');
    await userEvent.click(send);
    const log = canvas.getByRole('list', { name: 'Chat log' });
    await waitFor(() => expect(log.querySelectorAll('li')).toHaveLength(2), slow);
    await expect(log.querySelector('li')).toHaveTextContent(`${args.name}: hi`, { normalizeWhitespace: false });
    await expect(log.querySelector('li:last-child')).toHaveTextContent('Bob: HI!');
    await expect(log.querySelector('b')).toBeNull();
  },
};

export const CallWithSyntheticMedia: StoryObj<CallArgs> = {
  name: '3. Call with synthetic media',
  render: (args, { canvasElement }) => renderCall(args, renderLifetime(canvasElement)),
  args: { label: 'Alice', color: '#2b4c7e', frequency: 440, camera: false },
  argTypes: {
    camera: CAMERA_ARG_TYPE,
    label: { control: 'text', description: 'Drawn on Alice’s video; also her name in the call’s `metadata`.' },
    color: { control: 'color', description: 'Background of Alice’s video.' },
    frequency: { control: { type: 'range', min: 110, max: 1760, step: 10 }, description: 'Alice’s tone, in Hz.' },
  },
  parameters: {
    docs: {
      description: {
        story:
          '`createSyntheticStream()` stands in for a camera and microphone: a moving picture and a sine tone. ' +
          '“Call Bob” subscribes to `call(bobId, stream)`, which emits a `Call` once connected. Bob gets an ' +
          '`IncomingCall` on `calls$` and subscribes to `answer(hisStream)`. Alice’s `remoteStream$` then emits ' +
          'Bob’s green stream for the right-hand video (unmute it to hear his 660 Hz tone). “Hang up” calls ' +
          '`hangUp()`; `closed$` fires on both sides, and `remoteStream$` goes back to `null`. The stream stays ' +
          'Alice’s: the call never stops it, the story does when you leave.',
      },
    },
  },
  play: async ({ canvas, userEvent }) => {
    const click = (element: Element) => userEvent.click(element);
    await callBob(canvas, click);
    await hangUp(canvas, click);
  },
};

export const SwitchWhatYouShare: StoryObj<SwitchArgs> = {
  name: '4. Switch what you share',
  render: (args, { canvasElement }) => renderSwitch(args, renderLifetime(canvasElement)),
  args: {
    firstLabel: 'Camera',
    firstColor: '#2b4c7e',
    firstFrequency: 440,
    secondLabel: 'Slides',
    secondColor: '#d9822b',
    secondFrequency: 880,
  },
  argTypes: {
    firstLabel: { control: 'text', description: 'What Alice shares when the call starts.' },
    firstColor: { control: 'color' },
    firstFrequency: { control: { type: 'range', min: 110, max: 1760, step: 10 } },
    secondLabel: { control: 'text', description: 'What the Share button switches to.' },
    secondColor: { control: 'color' },
    secondFrequency: { control: { type: 'range', min: 110, max: 1760, step: 10 } },
  },
  parameters: {
    docs: {
      description: {
        story:
          'Mid-call, “Share …” hands each track of another stream to `call.replaceTrack(track)`: the browser sends ' +
          'it in place of the old one without renegotiating, so the call goes on. The third video shows what arrives ' +
          'at Bob — the `remoteStream$` of *his* `Call` — switching from one picture to the other. Only kinds the ' +
          'call started with can be replaced: a call that began without video cannot switch to video.',
      },
    },
  },
  play: async ({ canvas, userEvent, args }) => {
    const click = (element: Element) => userEvent.click(element);
    const first = cssColor(args.firstColor);
    const second = cssColor(args.secondColor);
    await callBob(canvas, click);
    const atBob = canvas.getByLabelText<HTMLVideoElement>('Bob receives');
    await waitUntilPlaying(atBob);
    await waitFor(() => expect(nearer(meanColor(atBob), first, second)).toBe(true), slow);

    await click(canvas.getByRole('button', { name: `Share ${args.secondLabel}` }));
    await waitFor(() => expect(nearer(meanColor(atBob), second, first)).toBe(true), slow);
    await expect(canvas.getByRole('button', { name: `Share ${args.firstLabel}` })).toBeEnabled();
    await hangUp(canvas, click);
  },
};

export const Stats: StoryObj<StatsArgs> = {
  name: '5. Stats',
  render: (args, { canvasElement }) => renderStats(args, renderLifetime(canvasElement)),
  args: { intervalMs: 500 },
  argTypes: {
    intervalMs: { control: { type: 'range', min: 250, max: 5000, step: 250 }, description: 'Time between samples, in ms.' },
  },
  parameters: {
    docs: {
      description: {
        story:
          '`call.stats({ intervalMs })` samples the call’s `RTCPeerConnection.getStats()` on a timer and boils each ' +
          'report down to what a person reads: the round trip on the chosen route, bitrates in and out (from the ' +
          'second sample on: a rate needs two), bytes, packets lost, and the candidate types at each end — `host` ' +
          'for a direct path, `relay` when a TURN server carries the media. It completes by itself when the call ' +
          'ends. Without options it samples once a second; a `DataChannel` has the same `stats()`.',
      },
    },
  },
  play: async ({ canvas, userEvent }) => {
    const click = (element: Element) => userEvent.click(element);
    const row = (name: string) => canvas.getByRole('rowheader', { name }).closest('tr');
    await callBob(canvas, click);
    await waitFor(() => expect(row('Round trip')).toHaveTextContent(/\d ms$/), slow);
    await waitFor(() => expect(row('Bitrate in')).toHaveTextContent(/[1-9]\d* kbit\/s$/), slow);
    await expect(row('Route')).toHaveTextContent(/(host|srflx|prflx|relay) → (host|srflx|prflx|relay)/);
    await hangUp(canvas, click);
    await waitFor(() => expect(canvas.getByRole('table', { name: 'Connection stats' })).toHaveTextContent('The call has ended'), slow);
  },
};
