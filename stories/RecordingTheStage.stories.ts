import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor, within } from 'storybook/test';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { stageWith } from './peers-on-cubes/cubeProbes.ts';
import { membersOf } from './peers-on-cubes/cubeMembers.ts';
import { OPFS_FILES } from './recording-the-stage/opfsFiles.ts';
import { RECORDING_ARG_TYPES, RECORDING_DEFAULTS, type RecordingArgs } from './recording-the-stage/recordingArgs.ts';
import { RECORDING_API, RECORDING_CONCEPTS, RECORDING_TEACHES } from './recording-the-stage/recordingGuide.ts';
import { expectSeekable, expectSeeksToMiddle, playbackVideo, readBack } from './recording-the-stage/recordingProbes.ts';
import { HUB_LIST, JUNK_ROOM, LEFT_BEHIND_OPTIONS, type LeftBehind } from './recording-the-stage/hubListPanel.ts';
import { renderHubList, renderRecording, renderRecovery } from './recording-the-stage/recordingStories.ts';
import { RECORDER } from './recording-the-stage/recorderPanel.ts';
import { RECOVERY } from './recording-the-stage/recoveryPanel.ts';
import { slow } from './rooms/roomProbes.ts';
import { stepGuide } from './support/stepGuide.ts';

// The title's number places the step on the learning path (stories/support/learningPath.ts).
const meta: Meta<RecordingArgs> = {
  title: '6. Recording the stage',
  tags: ['autodocs'],
  args: RECORDING_DEFAULTS,
  argTypes: RECORDING_ARG_TYPES,
  parameters: {
    docs: {
      description: {
        component: stepGuide({
          step: 6,
          teaches: RECORDING_TEACHES,
          concepts: RECORDING_CONCEPTS,
          api: RECORDING_API,
          stories: [
            {
              exportName: 'RecordAndSeek',
              name: '1. Record and seek',
              tryThis: 'record, pause, stop, then drag the seek bar; try the codecs and bitrates.',
            },
            {
              exportName: 'RecoverAnInterruptedRecording',
              name: '2. Recover an interrupted recording',
              tryThis: 'watch the chunks land on OPFS, close the “tab”, get the recording back.',
            },
            {
              exportName: 'TheHubsRecordingsList',
              name: '3. The hub’s recordings list',
              tryThis: 'record twice, recover what the “closed tab” left, download, delete; leave junk and read what it says.',
            },
          ],
        }),
      },
    },
  },
};

export default meta;

type Story = StoryObj<RecordingArgs>;

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** You and the two virtual members the studio puts on stage. */
const ON_STAGE = membersOf(3).map(({ name }) => name);

/** Enough to hold a few key frames and a seek into the middle, short enough for a test. */
const RECORD_MS = 1_500;
const PAUSE_MS = 1_000;
/** How far the file's duration may be from the clock the panel showed: a chunk's timing, at most. */
const CLOCK_TOLERANCE_S = 0.5;

/**
 * The video codec the codec control's default records in: VP9 in Chromium, VP8 in Firefox,
 * whose MediaRecorder has neither VP9 nor AV1.
 */
const bestVideoCodec = () => (MediaRecorder.isTypeSupported('video/webm;codecs=vp9,opus') ? 'vp9' : 'vp8');

export const RecordAndSeek: Story = {
  name: '1. Record and seek',
  render: (args, { canvasElement }) => renderRecording(args, canvasElement, renderLifetime(canvasElement)),
  parameters: {
    docs: {
      description: {
        story:
          'Press **Record**: `StageRecorder` captures the stage’s canvas (`captureStream(fps)`), adds the room’s mix ' +
          '(`mixRoomAudio`: you, Bo and Cy) and records both with MediaRecorder, a chunk every **timesliceMs** straight to ' +
          'the Origin Private File System. The clock and the size come from `recorder.progress$`; paused time is left ' +
          'out of both the clock and the file. **Stop recording** remuxes the chunks into a seekable WebM, which plays ' +
          'below with what `inspectRecording` reads back from it: drag the seek bar anywhere. **Download** saves it as ' +
          '`peerstage-<room>-<date>-<time>.webm`.\n\n' +
          'Change the **codec**, **fps** or **bitrate** and record again: the file’s tracks, frame count and size follow. ' +
          'The codec’s default, **best this browser records**, leaves the choice to `chooseMimeType`: VP9 + Opus in ' +
          'Chromium, **VP8 + Opus in Firefox**, whose MediaRecorder has no VP9 and no AV1 (choosing either there shows ' +
          'the `RecordError` `unsupported`). The panel shows the type it records in, and the test below checks that the ' +
          'file’s video is VP8 in Firefox, VP9 in Chromium.\n\n' +
          '```ts\n' +
          'const recorder = new StageRecorder(stage.canvas, { audio: mix, room, mimeType, fps, videoBitsPerSecond });\n' +
          'await recorder.start();\n' +
          'const { file, fileName } = await recorder.stop();   // seekable\n' +
          '```',
      },
    },
  },
  play: async ({ canvasElement, canvas, userEvent, step }) => {
    await step('the stage shows you, Bo and Cy, and the mix is ready: Record is enabled', async () => {
      await stageWith(canvasElement, ON_STAGE);
      await waitFor(() => expect(canvas.getByRole('button', { name: RECORDER.record })).toBeEnabled(), slow);
    });
    await step('record, pause a second, resume, stop: the clock leaves the pause out', async () => {
      await userEvent.click(canvas.getByRole('button', { name: RECORDER.record }));
      await waitFor(() => expect(canvas.getByLabelText(RECORDER.state)).toHaveTextContent('recording'), slow);
      await expect(canvas.getByLabelText(RECORDER.type)).toHaveTextContent(`video/webm;codecs=${bestVideoCodec()},opus`);
      await wait(RECORD_MS);
      await userEvent.click(canvas.getByRole('button', { name: RECORDER.pause }));
      await waitFor(() => expect(canvas.getByLabelText(RECORDER.state)).toHaveTextContent('paused'), slow);
      await wait(PAUSE_MS);
      await userEvent.click(canvas.getByRole('button', { name: RECORDER.resume }));
      await waitFor(() => expect(canvas.getByLabelText(RECORDER.state)).toHaveTextContent('recording'), slow);
      await wait(RECORD_MS);
      await userEvent.click(canvas.getByRole('button', { name: RECORDER.stop }));
      await waitFor(() => expect(canvas.getByLabelText(RECORDER.state)).toHaveTextContent('saved'), slow);
    });
    const video = await playbackVideo(canvasElement);
    await step(
      `the file is seekable: Duration and Cues, one ${bestVideoCodec().toUpperCase()} and one Opus track, as long as the clock said`,
      async () => {
        const report = await readBack(video);
        await expectSeekable(report);
        await expect(report.tracks.map(({ codec }) => codec).sort()).toEqual(['opus', bestVideoCodec()]);
        const [minutes = Number.NaN, seconds = Number.NaN] = canvas.getByLabelText(RECORDER.clock).textContent.split(':').map(Number);
        await expect(Math.abs(report.durationS - (minutes * 60 + seconds))).toBeLessThan(CLOCK_TOLERANCE_S);
        await expect(canvas.getByLabelText(RECORDER.size)).not.toHaveTextContent(/^0 kB$/);
      },
    );
    await step('the player knows the duration, and seeking to the middle lands there', async () => {
      await expectSeeksToMiddle(video);
    });
  },
};

/** Long enough for a few chunks to reach OPFS at the story's 1 s timeslice. */
const CHUNKS_BEFORE_INTERRUPT = 3;

export const RecoverAnInterruptedRecording: Story = {
  name: '2. Recover an interrupted recording',
  render: (args, { canvasElement }) => renderRecovery(args, canvasElement, renderLifetime(canvasElement)),
  args: { timesliceMs: 1_000 },
  parameters: {
    docs: {
      description: {
        story:
          'Press **Record** and watch the recording’s folder on the Origin Private File System fill: `meta.json`, then ' +
          'one `chunk-…webm` per **timesliceMs**. **Interrupt** does what closing the tab does to the recorder: it is ' +
          'disposed, everything live ends, and `stop()` never runs — the chunks stay, and `meta.json` has no finished ' +
          'marker. **Look for interrupted recordings** is what the next visit does (`listInterruptedRecordings()`); ' +
          '**Recover** remuxes the chunks that reached the disk into a seekable `recording.webm` ' +
          '(`recoverRecording(id)`) and removes the chunks. The file is shorter than the time recorded by at most one ' +
          'timeslice: the chunk MediaRecorder was still filling.\n\n' +
          'Close this tab for real while recording, open the story again and press **Look for interrupted recordings**: ' +
          'that recording is offered too.',
      },
    },
  },
  play: async ({ canvasElement, canvas, userEvent, step }) => {
    await step('the stage is ready: Record is enabled', async () => {
      await stageWith(canvasElement, ON_STAGE);
      await waitFor(() => expect(canvas.getByRole('button', { name: RECOVERY.record })).toBeEnabled(), slow);
    });
    await step(`record until ${CHUNKS_BEFORE_INTERRUPT} chunks are on OPFS`, async () => {
      await userEvent.click(canvas.getByRole('button', { name: RECOVERY.record }));
      const chunks = () => within(canvas.getByRole('list', { name: OPFS_FILES })).queryAllByText(/^chunk-\d+\.webm$/);
      await waitFor(() => expect(chunks().length).toBeGreaterThanOrEqual(CHUNKS_BEFORE_INTERRUPT), slow);
      await expect(within(canvas.getByRole('list', { name: OPFS_FILES })).getByText('meta.json')).toBeVisible();
    });
    let id = '';
    await step('interrupt it as a closed tab would: it is listed as interrupted', async () => {
      await userEvent.click(canvas.getByRole('button', { name: RECOVERY.interrupt }));
      id = canvas.getByLabelText(RECOVERY.interrupted).textContent;
      await expect(id).toMatch(/^rec-/);
      await userEvent.click(canvas.getByRole('button', { name: RECOVERY.look }));
      await waitFor(
        () => expect(within(canvas.getByRole('list', { name: RECOVERY.list })).getByRole('listitem', { name: id })).toBeVisible(),
        slow,
      );
    });
    await step('recover it: a seekable file from the chunks, which are gone from OPFS', async () => {
      const line = within(canvas.getByRole('list', { name: RECOVERY.list })).getByRole('listitem', { name: id });
      await userEvent.click(within(line).getByRole('button', { name: RECOVERY.recover }));
      const video = await playbackVideo(canvasElement);
      await expectSeekable(await readBack(video));
      await expectSeeksToMiddle(video);
      const files = within(canvas.getByRole('list', { name: OPFS_FILES }));
      await waitFor(() => expect(files.getByText('recording.webm')).toBeVisible(), slow);
      await waitFor(() => expect(files.queryAllByText(/^chunk-/)).toHaveLength(0), slow);
    });
  },
};

/** A line's facts as the hub shows them: size · length · when made. */
const FACTS = /\d+ (kB|MB) · \d+:\d\d · /;

export const TheHubsRecordingsList: StoryObj<RecordingArgs & { leftBehind: LeftBehind }> = {
  name: '3. The hub’s recordings list',
  render: (args, { canvasElement }) => renderHubList(args, canvasElement, renderLifetime(canvasElement)),
  args: { leftBehind: 'an interrupted recording and a junk file' },
  argTypes: {
    leftBehind: {
      control: { type: 'select' },
      options: [...LEFT_BEHIND_OPTIONS],
      description:
        'What the story leaves in the store before the panel opens, as closed tabs would: a recording disposed ' +
        'without `stop()` (chunks, no finished marker), and a “finished” record whose file is random bytes.',
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          'The hub’s own panel (`recordingPanel` from src/app), on this stage. **Record** shows a red dot and the ' +
          'timer; **Stop recording** lists the file under **This visit** with the room it was made in (as text: a ' +
          'room is whatever a link says), its size, its length (the seekable file’s Duration, read from its Info ' +
          'element alone: a few small reads, whatever the size) and when it was made, with **Watch** (plays it in ' +
          'the page; the file’s object URL lives only while the video shows), **Download** and **Delete**. Two ' +
          'recordings in one minute get distinct names.\n\n' +
          'Below, **Kept from earlier visits**: what `listRecordings()` finds that no open tab holds. An interrupted ' +
          'recording shows its stored size and **Recover** (`recoverRecording`: remuxed into a seekable file, then it ' +
          'joins this visit’s list); a finished one can be downloaded or deleted. The store is shared by every tab of ' +
          'the origin, so it is hostile input: the junk file’s length reads “length unknown” and its line says why; ' +
          'recovering junk chunks says `remux-failed` in words; a folder without a readable record is not listed.\n\n' +
          'Nothing is deleted but by **Delete**: the hub keeps recordings when you leave or close the tab (the browser ' +
          'may still evict them under disk pressure), and says so. This story deletes what it made when it ends.',
      },
    },
  },
  play: async ({ canvasElement, canvas, userEvent, step, args }) => {
    const list = (name: string) => within(canvas.getByRole('list', { name, hidden: true }));
    await step('the stage is ready and what the “closed tab” left is listed: Record is enabled', async () => {
      await stageWith(canvasElement, ON_STAGE);
      await waitFor(() => expect(canvas.getByRole('button', { name: HUB_LIST.record })).toBeEnabled(), { timeout: 40_000 });
    });
    if (args.leftBehind !== 'nothing') {
      await step('the interrupted recording shows its stored size, its length waits for recovery', async () => {
        const [line] = list(HUB_LIST.interrupted).getAllByRole('listitem');
        await waitFor(() => expect(line).toHaveTextContent(/\d+ kB · length known once recovered/), slow);
      });
    }
    if (args.leftBehind === 'an interrupted recording and a junk file') {
      await step('the junk file is listed with its size, and “length unknown”, said in words', async () => {
        const junk = list(HUB_LIST.earlier).getByRole('listitem', { name: new RegExp(JUNK_ROOM) });
        await waitFor(() => expect(junk).toHaveTextContent('3 kB · length unknown'), slow);
        await expect(junk).toHaveTextContent('may be damaged');
      });
    }
    await step('record a moment and stop: this visit’s list shows the file with its size and length', async () => {
      await userEvent.click(canvas.getByRole('button', { name: HUB_LIST.record }));
      await waitFor(() => expect(canvas.getByRole('timer', { name: HUB_LIST.timer })).toHaveTextContent(/· [1-9]\d* kB/), {
        timeout: 40_000,
      });
      await wait(RECORD_MS);
      await userEvent.click(canvas.getByRole('button', { name: HUB_LIST.stop }));
      await waitFor(() => expect(list(HUB_LIST.recordings).getAllByRole('listitem')).toHaveLength(1), slow);
      await waitFor(() => expect(list(HUB_LIST.recordings).getByRole('listitem')).toHaveTextContent(FACTS), slow);
      await expect(list(HUB_LIST.recordings).getByRole('button', { name: /^Download peerstage-/ })).toBeEnabled();
    });
    await step('Watch plays it in the page, and hides it again', async () => {
      const watch = list(HUB_LIST.recordings).getByRole('button', { name: /^Watch peerstage-/ });
      await userEvent.click(watch);
      const video = canvas.getByLabelText(/^Preview of peerstage-/) as HTMLVideoElement;
      await waitFor(() => expect(video.readyState).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_METADATA), slow);
      await expect(watch).toHaveAttribute('aria-expanded', 'true');
      await userEvent.click(watch);
      await expect(video).not.toBeVisible();
    });
    if (args.leftBehind !== 'nothing') {
      await step('recover the interrupted one: it joins this visit’s list, seekable, with its length', async () => {
        await userEvent.click(list(HUB_LIST.interrupted).getByRole('button', { name: /^Recover / }));
        await waitFor(() => expect(list(HUB_LIST.recordings).getAllByRole('listitem')).toHaveLength(2), slow);
        for (const item of list(HUB_LIST.recordings).getAllByRole('listitem'))
          await waitFor(() => expect(item).toHaveTextContent(FACTS), slow);
      });
    }
  },
};
