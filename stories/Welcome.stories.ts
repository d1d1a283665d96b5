import type { Meta, StoryObj } from '@storybook/html-vite';
import { Peer } from 'peerjs';
import { expect } from 'storybook/test';
import { fetchClientConfig } from '../src/rtc/fetchClientConfig.ts';
import { signalingAtPageOrigin } from '../src/rtc/signalingOptions.ts';
import { LEARNING_PATH } from './support/learningPath.ts';
import { onStoryTeardown } from './support/storyTeardown.ts';

interface WelcomeArgs {
  /** Run the live check: two peers in this page, signalled by the Storybook server. */
  liveCheck: boolean;
}

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
    <p>Every step below is a set of stories in the sidebar, numbered in this order, each with
    a docs page first. They run here, in this one tab:
    synthetic media stands in for a camera and in-page virtual members stand in for other
    people, so you need neither.</p>
    <h2>The path</h2>
    <ol aria-label="Learning path"></ol>
    <h2>Live check</h2>
    <p role="status" aria-live="polite"></p>`;
  const list = root.querySelector('ol');
  if (!list) throw new Error('the welcome page has no learning path list');
  for (const { title, what } of LEARNING_PATH) {
    const item = document.createElement('li');
    const strong = document.createElement('strong');
    // The list numbers the steps already.
    strong.textContent = title.replace(/^\d+\.\s*/, '');
    item.append(strong, ` — ${what}`);
    list.append(item);
  }
  const status = root.querySelector<HTMLElement>('[role=status]');
  if (!status) throw new Error('the welcome page has no live check status');
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

// The Introduction docs page (Introduction.mdx) is attached to these stories, so they carry no
// autodocs page of their own; the storySort in .storybook/preview.ts puts them first.
const meta: Meta<WelcomeArgs> = {
  title: 'Introduction',
  tags: ['!autodocs'],
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
  name: 'Live check',
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('heading', { level: 1 })).toHaveTextContent('Welcome to peerstage');
    const steps = canvas.getByRole('list', { name: 'Learning path' }).querySelectorAll('li');
    await expect(Array.from(steps, (step) => step.querySelector('strong')?.textContent)).toEqual([
      'Peers, data and calls',
      'Rooms',
      'Large rooms',
      'Hearing peers',
      'Peers on cubes',
      'Recording the stage',
      'The whole hub',
    ]);
    await expect(await canvas.findByText(/^Ready:/, {}, { timeout: 15_000 })).toBeVisible();
  },
};

export const WithoutLiveCheck: Story = {
  name: 'Without live check',
  args: { liveCheck: false },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Live check off.');
  },
};
