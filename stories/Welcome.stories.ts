import type { Meta, StoryObj } from '@storybook/html-vite';
import { Peer } from 'peerjs';
import { expect } from 'storybook/test';
import { fetchClientConfig } from '../src/rtc/fetchClientConfig.ts';
import { signalingAtPageOrigin } from '../src/rtc/signalingOptions.ts';
import { onStoryTeardown } from './support/storyTeardown.ts';

interface WelcomeArgs {
  /** Run the live check: two peers in this page, signalled by the Storybook server. */
  liveCheck: boolean;
}

const PATH = [
  ['Peer basics', 'open a peer, connect, chat, call with synthetic media, hang up, stats'],
  ['Rooms', 'join a named room: everyone connects to everyone, chat, leave, passphrases'],
  ['Hearing peers', 'analyse every member’s audio with Tone.js: levels and spectra'],
  ['Peers on cubes', 'every member’s video on a rotating three.js cube'],
  ['Recording the stage', 'the stage and the room’s mixed audio into a seekable .webm'],
  ['The whole hub', 'the app people use for real room sessions'],
] as const;

/**
 * Opens two peers in this page through the page's own signaling server, connects them and
 * times a message's round trip: proof that signaling and WebRTC work here.
 */
async function checkSignalingAndWebRtc(): Promise<number> {
  const { iceServers } = await fetchClientConfig();
  const options = { ...signalingAtPageOrigin(), config: { iceServers }, debug: 0 };
  const open = () =>
    new Promise<Peer>((resolve, reject) => {
      const peer = onStoryTeardown(new Peer(options), (p) => p.destroy());
      peer.once('open', () => resolve(peer));
      peer.once('error', reject);
    });
  const [here, there] = await Promise.all([open(), open()]);
  there.on('connection', (connection) => connection.on('data', (data) => connection.send(data)));
  const connection = here.connect(there.id);
  await new Promise<void>((resolve, reject) => {
    connection.once('open', () => resolve());
    here.once('error', reject);
  });
  const sentAt = performance.now();
  await new Promise((resolve) => {
    connection.once('data', resolve);
    connection.send('ping');
  });
  return performance.now() - sentAt;
}

function renderWelcome({ liveCheck }: WelcomeArgs): HTMLElement {
  const root = document.createElement('article');
  root.style.maxWidth = '44rem';
  root.style.fontFamily = 'system-ui, sans-serif';
  root.innerHTML = `
    <h1>Welcome to peerstage</h1>
    <p>peerstage runs multi-person WebRTC rooms in the browser. Everyone in a named room is
    connected to everyone else; each member's video plays on a rotating cube, their audio is
    analysed, everyone can chat, and anyone can record the stage to a seekable video file.</p>
    <p>Every step below is a set of stories in the sidebar. They run here, in this one tab:
    synthetic media stands in for a camera and in-page virtual members stand in for other
    people, so you need neither.</p>
    <h2>The path</h2>
    <ol aria-label="Learning path"></ol>
    <h2>Live check</h2>
    <p role="status" aria-live="polite"></p>`;
  const list = root.querySelector('ol')!;
  for (const [title, what] of PATH) {
    const item = document.createElement('li');
    const strong = document.createElement('strong');
    strong.textContent = title;
    item.append(strong, ` — ${what}`);
    list.append(item);
  }
  const status = root.querySelector<HTMLElement>('[role=status]')!;
  if (!liveCheck) {
    status.textContent = 'Live check off.';
    return root;
  }
  status.textContent = 'Checking signaling and WebRTC…';
  checkSignalingAndWebRtc().then(
    (roundTripMs) => {
      status.textContent = `Ready: signaling at /peerjs and a WebRTC data channel (round trip ${roundTripMs.toFixed(1)} ms).`;
    },
    (error: unknown) => {
      status.textContent = `Not ready: ${error instanceof Error ? error.message : String(error)}`;
    },
  );
  return root;
}

const meta: Meta<WelcomeArgs> = {
  title: 'Welcome',
  render: renderWelcome,
  args: { liveCheck: true },
  argTypes: {
    liveCheck: { control: 'boolean', description: 'Connect two peers in this page to check signaling and WebRTC.' },
  },
  parameters: {
    docs: {
      description: {
        component:
          'What peerstage is and how to find your way: the numbered path in the sidebar follows a classroom ' +
          'handout of PeerJS demos, from one peer to a recorded room session. The live check proves that this ' +
          'Storybook serves a signaling server at `/peerjs` and that WebRTC works in your browser.',
      },
    },
  },
};

export default meta;
type Story = StoryObj<WelcomeArgs>;

export const Welcome: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { level: 1 })).toHaveTextContent('Welcome to peerstage');
    const steps = canvas.getByRole('list', { name: 'Learning path' }).querySelectorAll('li');
    await expect(steps).toHaveLength(6);
    await expect(await canvas.findByText(/^Ready:/, {}, { timeout: 15_000 })).toBeVisible();
  },
};

export const WithoutLiveCheck: Story = {
  args: { liveCheck: false },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Live check off.');
  },
};
