import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor, within } from 'storybook/test';
import { CAMERA_ARG_TYPE } from './peer-basics/cameraOrSynthetic.ts';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { cardOf, slow } from './rooms/roomProbes.ts';
import { stepGuide } from './support/stepGuide.ts';
import { HUB_API, HUB_CONCEPTS, HUB_TEACHES } from './whole-hub/hubGuide.ts';
import { HUB_KEYS_STORY } from './whole-hub/hubKeysGuide.ts';
import { renderJoin } from './whole-hub/hubJoinPart.ts';
import { HUB, HUB_OTHERS, renderHub, type HubArgs } from './whole-hub/hubStory.ts';

// The title's number places the step on the learning path (stories/support/learningPath.ts).
const meta: Meta<HubArgs> = {
  title: '7. The whole hub',
  tags: ['autodocs'],
  args: { name: 'Ada', camera: false },
  argTypes: {
    name: { control: 'text', description: 'Your name in the room: the others list it, as text.' },
    camera: CAMERA_ARG_TYPE,
  },
  parameters: {
    docs: {
      description: {
        component: stepGuide({
          step: 7,
          teaches: HUB_TEACHES,
          concepts: HUB_CONCEPTS,
          api: HUB_API,
          stories: [
            {
              exportName: 'ARoomSession',
              name: '1. A room session',
              tryThis: 'chat from Bo’s card to the hub and back, open a member’s Stats, mute, Leave and join again.',
            },
            {
              exportName: 'KeysAndHelp',
              name: '2. Keys and help',
              tryThis: 'click the stage, press M, V and C, then ? for the list of shortcuts, and Esc to close it.',
            },
            {
              exportName: 'JoiningWithAPreview',
              name: '3. Joining with a preview',
              tryThis: 'pick the back camera and watch the preview follow; choose Nothing, then Join, and read the request.',
            },
          ],
        }),
      },
    },
  },
};

export default meta;

export const ARoomSession: StoryObj<HubArgs> = {
  name: '1. A room session',
  render: (args, { canvasElement }) => renderHub(args, renderLifetime(canvasElement)),
  parameters: {
    docs: {
      description: {
        story:
          'The hub’s room page, as `npm start` serves it, with you and two virtual members in a room of this render’s ' +
          'own. The roster lists everyone with their connection state and level; the stage shows a cube per member; ' +
          "the chat carries the hub’s own `{ kind: 'chat', text }` messages. Type in **Bo’s** card below and the " +
          'line appears in the hub’s Chat; send from the hub and Bo and Cy log it. **Leave** ends the session — ' +
          'room, stage, analysers and media — and **Join again** starts a new one.',
      },
    },
  },
  play: async ({ canvasElement, args, userEvent, step }) => {
    const hub = within(await waitFor(() => within(canvasElement).getByRole('region', { name: /^Room / }), slow));
    const people = hub.getByRole('list', { name: 'People in the room' });
    const names = () => Array.from(people.querySelectorAll('.member-name'), (name) => name.textContent).sort();
    // The chat, like the rest of the room page, is built once this member has joined.
    const chat = () => hub.getByRole('list', { name: 'Chat' });
    const [bo, cy] = HUB_OTHERS.map(({ name }) => name) as [string, string];
    const payload = '<img src=x onerror=alert(1)>';

    await step('the roster shows you and both virtual members, connected', async () => {
      await waitFor(() => expect(names()).toEqual([`${args.name} (you)`, bo, cy].sort()), slow);
      await waitFor(
        () =>
          expect(Array.from(people.querySelectorAll('.member-state'), (state) => state.textContent)).toEqual([
            'connected',
            'connected',
            'connected',
          ]),
        slow,
      );
    });
    await step(`${bo} writes from his own tab: the line arrives in the hub’s Chat as text`, async () => {
      const boCard = within(cardOf(canvasElement, bo));
      await waitFor(() => expect(boCard.getByRole('button', { name: 'Send' })).toBeEnabled(), slow);
      await userEvent.type(boCard.getByRole('textbox', { name: 'Message' }), `Hello from ${bo} ${payload}`);
      await userEvent.click(boCard.getByRole('button', { name: 'Send' }));
      await waitFor(() => expect(chat().querySelector('li')).toHaveTextContent(`${bo}: Hello from ${bo} ${payload}`), slow);
      await expect(chat().querySelector('img')).toBeNull();
    });
    await step(`the hub answers: ${bo} and ${cy} both log it`, async () => {
      await userEvent.type(hub.getByRole('textbox', { name: 'Message' }), 'Hi both');
      await userEvent.click(hub.getByRole('button', { name: 'Send' }));
      for (const name of [bo, cy]) {
        const log = within(cardOf(canvasElement, name)).getByRole('list', { name: 'Chat log' });
        await waitFor(() => expect(log).toHaveTextContent(`${args.name}: Hi both`), slow);
      }
    });
    await step('the stage draws on a WebGL canvas', async () => {
      await expect(hub.getByRole('figure', { name: 'Stage' }).querySelector('canvas')).not.toBeNull();
    });
    await step('Leave ends the session: the room page goes, and Join again is offered', async () => {
      await userEvent.click(hub.getByRole('button', { name: 'Leave' }));
      const canvas = within(canvasElement);
      await expect(canvas.getByRole('status', { name: HUB.after })).toHaveTextContent('You left the room.');
      await expect(canvas.queryByRole('region', { name: /^Room / })).toBeNull();
      await expect(canvas.getByRole('button', { name: HUB.again })).toBeVisible();
    });
  },
};

export const KeysAndHelp: StoryObj<HubArgs> = {
  name: '2. Keys and help',
  render: (args, { canvasElement }) => renderHub(args, renderLifetime(canvasElement)),
  parameters: { docs: { description: { story: HUB_KEYS_STORY } } },
  play: async ({ canvasElement, userEvent, step }) => {
    const hub = within(await waitFor(() => within(canvasElement).getByRole('region', { name: /^Room / }), slow));
    // The media controls come with the joined room.
    const mute = await waitFor(() => hub.getByRole('button', { name: 'Mute' }), slow);
    await waitFor(() => expect(mute).toBeEnabled(), slow);
    // Found by role only while open: a closed dialog is hidden from assistive technology.
    const openDialog = () => waitFor(() => hub.getByRole('dialog', { name: /Keyboard shortcuts/ }) as HTMLDialogElement);
    const closed = () => waitFor(() => expect(hub.queryByRole('dialog')).toBeNull());

    await step('M mutes and unmutes: the Mute button shows it pressed, and says its key to screen readers', async () => {
      await expect(mute).toHaveAttribute('aria-keyshortcuts', 'M');
      await userEvent.keyboard('m');
      await expect(mute).toHaveAttribute('aria-pressed', 'true');
      await userEvent.keyboard('m');
      await expect(mute).toHaveAttribute('aria-pressed', 'false');
    });
    await step('? opens the list of shortcuts, with focus on Close; Close puts focus back', async () => {
      const help = hub.getByRole('button', { name: 'Help' });
      help.focus();
      await userEvent.keyboard('?');
      const dialog = await openDialog();
      const close = within(dialog).getByRole('button', { name: 'Close' });
      await expect(close).toHaveFocus();
      await expect(dialog).toHaveTextContent('Leave the room');
      // Esc closes it too, but only a real key does (the browser's own handling): the e2e test
      // presses it; a play function's key presses are synthetic.
      await userEvent.click(close);
      await closed();
      await expect(help).toHaveFocus();
    });
    await step('the Help button opens the same list', async () => {
      await userEvent.click(hub.getByRole('button', { name: 'Help' }));
      const dialog = await openDialog();
      await userEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
      await closed();
    });
    await step('C goes to the Message box, where the shortcut keys are just text', async () => {
      await userEvent.keyboard('c');
      const message = hub.getByRole('textbox', { name: 'Message' });
      await expect(message).toHaveFocus();
      await userEvent.keyboard('m?');
      await expect(message).toHaveValue('m?');
      await expect(mute).toHaveAttribute('aria-pressed', 'false');
    });
    await step('Shift+L leaves the room (a bare L does nothing)', async () => {
      await userEvent.tab();
      await userEvent.keyboard('l');
      await expect(hub.getByRole('list', { name: 'People in the room' })).toBeVisible();
      await userEvent.keyboard('{Shift>}L{/Shift}');
      await expect(within(canvasElement).getByRole('status', { name: HUB.after })).toHaveTextContent('You left the room.');
    });
  },
};

export const JoiningWithAPreview: StoryObj<HubArgs> = {
  name: '3. Joining with a preview',
  render: (args, { canvasElement }) => renderJoin(args, renderLifetime(canvasElement)),
  parameters: {
    docs: {
      description: {
        story:
          'The hub’s join screen, as `joinView` builds it: choosing **Camera and microphone** shows a preview of ' +
          'the camera, a **Microphone level** meter (`analyse` then `levelMeter`, which says so while Web Audio ' +
          'waits for a click) and a picker for each kind of device, filled from `devices$`. Here the devices are ' +
          'synthetic (Storybook has no camera): two "cameras" of different colours and a tone. On **Join** the hub ' +
          'hands the previewed camera to the room (`handOver()`: no second permission prompt) and remembers the ' +
          'name and devices in localStorage (`rememberJoin`, read back as untrusted by `readRememberedJoin`). In the ' +
          'room, `roomDevices` offers the same pickers and switches a device with `room.replaceTrack`.',
      },
    },
  },
  play: async ({ canvasElement, args, userEvent, step }) => {
    const canvas = within(canvasElement);
    const preview = within(await waitFor(() => canvas.getByRole('region', { name: 'Preview' }), slow));
    const video = () => canvasElement.querySelector('video.join-preview-video') as HTMLVideoElement;

    await step('the preview shows the first camera, with a microphone level meter', async () => {
      await waitFor(() => expect(video().srcObject).toBeInstanceOf(MediaStream), slow);
      await expect(preview.getByRole('meter', { name: 'Microphone level' })).toBeInTheDocument();
      await expect(canvas.getByRole('textbox', { name: 'Your name' })).toHaveValue(args.name);
    });
    await step('picking the back camera switches the preview to it', async () => {
      const camera = preview.getByRole('combobox', { name: 'Camera' });
      const front = video().srcObject as MediaStream;
      await userEvent.selectOptions(camera, 'Back camera (synthetic)');
      await waitFor(() => expect(video().srcObject).not.toBe(front));
      // The front camera's stream was stopped as the back one came.
      await expect(front.getTracks().map((track) => track.readyState)).toEqual(['ended', 'ended']);
    });
    await step('Join sends the request with the device picked', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Join' }));
      await waitFor(() =>
        expect(canvas.getByRole('status', { name: 'Join request' })).toHaveTextContent(
          `Join story-room as ${args.name}, sharing camera from synthetic-back`,
        ),
      );
    });
  },
};
