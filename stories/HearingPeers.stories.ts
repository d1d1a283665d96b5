import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor, within } from 'storybook/test';
import { ANALYSIS_ARG_TYPES, ANALYSIS_DEFAULTS } from './hearing-peers/analysisArgs.ts';
import { HEARING_API, HEARING_CONCEPTS, HEARING_TEACHES } from './hearing-peers/hearingGuide.ts';
import { EVERYONE, OTHERS, YOU } from './hearing-peers/hearingMembers.ts';
import { binWidthHz, meterDb, peakHz } from './hearing-peers/hearingProbes.ts';
import { MIX, renderMix, type MixArgs } from './hearing-peers/mixStory.ts';
import { SPEAKING_ARG_TYPES, SPEAKING_DEFAULTS, type SpeakingArgs } from './hearing-peers/speakingArgs.ts';
import { NOBODY, renderSpeaking } from './hearing-peers/speakingStory.ts';
import { renderSpectra, type SpectraArgs } from './hearing-peers/spectraStory.ts';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { cardOf, lines, slow } from './rooms/roomProbes.ts';
import { stepGuide } from './support/stepGuide.ts';

// Every story's args differ, so each story is typed on its own and the meta carries none.
// The title's number places the step on the learning path (stories/support/learningPath.ts).
const meta: Meta = {
  title: '4. Hearing peers',
  tags: ['autodocs'],
  parameters: {
    docs: {
      description: {
        component: stepGuide({
          step: 4,
          teaches: HEARING_TEACHES,
          concepts: HEARING_CONCEPTS,
          api: HEARING_API,
          stories: [
            {
              exportName: 'LevelsAndSpectra',
              name: '1. Levels and spectra',
              tryThis: 'each member peaks at its own tone; change `fftSize` and watch the bins.',
            },
            {
              exportName: 'WhoIsSpeaking',
              name: '2. Who is speaking',
              tryThis: 'voices start and stop; the floor passes to the louder one.',
            },
            { exportName: 'TheRoomsMix', name: '3. The room’s mix', tryThis: 'every member in one stream, the one a recorder records.' },
          ],
        }),
      },
    },
  },
};

export default meta;

/** A tone this loud is plainly there: the tones are about -9 dBFS, silence far below -60. */
const AUDIBLE_DB = -30;

export const LevelsAndSpectra: StoryObj<SpectraArgs> = {
  name: '1. Levels and spectra',
  render: (args, { canvasElement }) => renderSpectra(args, renderLifetime(canvasElement)),
  args: ANALYSIS_DEFAULTS,
  argTypes: ANALYSIS_ARG_TYPES,
  parameters: {
    docs: {
      description: {
        story:
          'You (Ada, 440 Hz) join a room where Bo (660 Hz) and Cy (880 Hz) are. This page analyses every member ' +
          'it hears — your own stream as you share it, and each other member’s stream as `peers$` delivers it — ' +
          'and draws each one three ways from **one** `analyse` per member, shared: a level meter (RMS of the ' +
          'latest window, in dBFS), the spectrum (one bar per FFT bin, 0 to 2 kHz) and the waveform (the ' +
          'window’s samples). Under them, the loudest bin as text: each member peaks at its own tone, to within ' +
          'one bin. Try the controls: at an `fftSize` of 256 the bins are 172 Hz wide (at 44.1 kHz) and 440 Hz ' +
          'reads as 517 Hz; at 16384 they are under 3 Hz wide, but each window lasts 372 ms instead of 46, so ' +
          'the meter and the spectrum follow changes that much later. A smoothing of 0 makes the spectrum jump with every window; ' +
          'a low `rate` makes everything step.\n\n' +
          'The remote streams need nothing special: Chromium hears remote WebRTC audio in Web Audio only while ' +
          'it also plays in a media element, and `analyse` does that inside.\n\n' +
          '```ts\n' +
          'room.peers$.pipe(forEachPeer((peer) => {\n' +
          '  const frames$ = peer.stream$.pipe(filter(Boolean), analyse({ fftSize, smoothing, rate, waveform: true }), share());\n' +
          '  return merge(\n' +
          '    frames$.pipe(levelMeter({ label: peer.name })),   // role="meter", aria-valuenow in dB\n' +
          "    frames$.pipe(spectrumView({ scale: 'linear', maxHz: 2000 })),\n" +
          '    frames$.pipe(waveformView()),\n' +
          '  );\n' +
          '})).subscribe((element) => card.append(element));     // removed when the member leaves\n' +
          '```\n\n' +
          'The frame object is reused for every emission: the views copy what they draw, and the peak text ' +
          'reads each frame as it comes (`stories/hearing-peers/peakReadout.ts`).',
      },
    },
  },
  play: async ({ canvasElement, canvas, step }) => {
    await step('sound runs (the test browser allows autoplay)', async () => {
      await waitFor(() => expect(canvas.getByRole('status', { name: 'Sound' })).toHaveTextContent(/^on:/), slow);
    });
    await step('every member’s name shows as text, on its card and its meter', async () => {
      for (const { name } of EVERYONE) {
        const card = await waitFor(() => cardOf(canvasElement, name), slow);
        await expect(within(card).getByRole('heading', { level: 3 })).toHaveTextContent(name);
        await expect(within(card).getByRole('meter', { name })).toHaveTextContent(name);
      }
    });
    for (const { name, frequency } of EVERYONE) {
      await step(`${name} is heard, at ${frequency} Hz to within one bin`, async () => {
        const card = cardOf(canvasElement, name);
        await waitFor(() => {
          expect(meterDb(card, name)).toBeGreaterThan(AUDIBLE_DB);
          expect(Math.abs(peakHz(card) - frequency)).toBeLessThanOrEqual(binWidthHz(card));
        }, slow);
      });
    }
    // The loudest bins differ: each card is its own member's sound, not one sound drawn three times.
    const peaks = EVERYONE.map(({ name }) => peakHz(cardOf(canvasElement, name)));
    await expect(new Set(peaks).size).toBe(EVERYONE.length);
  },
};

export const WhoIsSpeaking: StoryObj<SpeakingArgs> = {
  name: '2. Who is speaking',
  render: (args, { canvasElement }) => renderSpeaking(args, renderLifetime(canvasElement)),
  args: SPEAKING_DEFAULTS,
  argTypes: SPEAKING_ARG_TYPES,
  parameters: {
    docs: {
      description: {
        story:
          'The same room, now asking *who is talking?* `roomLevels({ self })` analyses every member of `peers$` ' +
          'and yourself, and emits **one map** from member ID to `{ levelDb, speaking }` at most once per ' +
          'analysis period, however many members there are. `speaking` has hysteresis: a member starts speaking ' +
          'once above `startDb` for 100 ms and stops only once below `stopDb` (10 dB lower) for `stopAfterMs`, ' +
          'so the pauses between words do not make it blink. `activeSpeaker()` turns the maps into the ID of ' +
          'whoever has the floor (highlighted): the loudest speaker when the floor is free, who then keeps it ' +
          'while speaking unless someone else is `marginDb` louder for `switchAfterMs` — two people talking at ' +
          'the same level never trade it back and forth. (For one stream of levels, `speaking(policy)` is the same ' +
          'rule as an operator: `frames$.pipe(map((f) => f.levelDb), speaking())`.)\n\n' +
          'Use the **Voices** panel: untick a member and it falls silent; the floor passes at once to someone ' +
          'still speaking (the silent one already waited out `stopAfterMs`). Make the speaker quiet and another ' +
          'member loud, and watch the floor wait `switchAfterMs` before it moves.\n\n' +
          'The voices are switched at their source (a Tone.js `Gain` to 0), as a person stops talking. Setting ' +
          '`track.enabled = false` on the stream you gave `joinRoom` would **not** silence you for the others: ' +
          'the room sends clones of your tracks, so it only mutes what this page analyses of itself.\n\n' +
          '```ts\n' +
          'const self = room.self$.pipe(map(({ id }) => ({ id, stream: myStream })));\n' +
          'const levels$ = room.peers$.pipe(roomLevels({ self, speaking: { startDb: -45, stopAfterMs: 300 } }), shareReplay({ bufferSize: 1, refCount: true }));\n' +
          'levels$.subscribe((levels) => { for (const [id, { levelDb, speaking }] of levels) show(id, levelDb, speaking); });\n' +
          'levels$.pipe(activeSpeaker({ marginDb: 6, switchAfterMs: 500 })).subscribe((id) => highlight(id)); // null: nobody\n' +
          '```\n\n' +
          'The map and its entries are updated in place (nothing is allocated per frame): read them when they ' +
          'come, copy what you keep.',
      },
    },
  },
  play: async ({ canvasElement, canvas, userEvent, step }) => {
    const names = EVERYONE.map(({ name }) => name);
    const card = (name: string) => cardOf(canvasElement, name);
    const speakingOf = (name: string) => within(card(name)).getByRole('status', { name: 'Speaking' });
    const activeSpeakerName = () => canvas.getByRole('status', { name: 'Active speaker' }).textContent;
    const talks = (name: string) => canvas.getByRole('checkbox', { name: `${name} talks` });
    /** The floor is `name`'s, on the page's line and on the cards: its card alone is highlighted. */
    const floorIs = async (name: string) => {
      await waitFor(() => expect(activeSpeakerName()).toBe(name), slow);
      for (const other of names) {
        if (other === name) await expect(card(other)).toHaveAttribute('aria-current', 'true');
        else await expect(card(other)).not.toHaveAttribute('aria-current');
      }
    };
    /** Waits until the floor is someone other than `names` but not nobody, and says who. */
    const floorPassesFrom = async (...from: string[]) => {
      await waitFor(() => {
        expect(names).toContain(activeSpeakerName());
        expect(from).not.toContain(activeSpeakerName());
      }, slow);
      return activeSpeakerName();
    };

    await step('everyone talks: all three are speaking, and one has the floor', async () => {
      for (const name of names) await waitFor(() => expect(speakingOf(name)).toHaveTextContent(/^speaking$/), slow);
      await waitFor(() => expect(names).toContain(activeSpeakerName()), slow);
    });
    const first = activeSpeakerName();
    await floorIs(first);

    let second = '';
    await step(`${first} falls quiet: the floor passes to someone still speaking`, async () => {
      await userEvent.click(talks(first));
      await waitFor(() => expect(speakingOf(first)).toHaveTextContent('silent'), slow);
      second = await floorPassesFrom(first);
      await floorIs(second);
    });
    const third = names.find((name) => name !== first && name !== second) ?? '';

    await step(`${second} falls quiet too: ${third}, the last one speaking, has the floor`, async () => {
      await userEvent.click(talks(second));
      await waitFor(() => expect(speakingOf(second)).toHaveTextContent('silent'), slow);
      await floorIs(third);
    });
    await step(`${third} falls quiet: nobody has the floor`, async () => {
      await userEvent.click(talks(third));
      await waitFor(() => expect(activeSpeakerName()).toBe(NOBODY), slow);
      for (const name of names) await expect(card(name)).not.toHaveAttribute('aria-current');
    });
    await step(`${first} talks again, quietly (-21 dBFS): the floor is free, so it is ${first}’s`, async () => {
      await userEvent.selectOptions(canvas.getByRole('combobox', { name: `Loudness of ${first}` }), '-21');
      await userEvent.click(talks(first));
      await floorIs(first);
    });
    await step(`${second} talks at -9 dBFS, 12 dB louder: after switchAfterMs the floor is ${second}’s`, async () => {
      await userEvent.click(talks(second));
      await waitFor(() => expect(speakingOf(second)).toHaveTextContent(/^speaking$/), slow);
      await floorIs(second);
      await expect(speakingOf(first)).toHaveTextContent(/^speaking$/);
    });
  },
};

export const TheRoomsMix: StoryObj<MixArgs> = {
  name: '3. The room’s mix',
  render: (args, { canvasElement }) => renderMix(args, renderLifetime(canvasElement)),
  args: { fftSize: 4_096, includeSelf: true },
  argTypes: {
    fftSize: {
      ...ANALYSIS_ARG_TYPES.fftSize,
      description:
        'Samples per FFT window of the mix’s analysis. The tones are 220 Hz apart: at 1024 and up they are ' +
        'separate peaks; at 512 or 256 the bins are so wide that neighbouring tones merge into one hump.',
    },
    includeSelf: {
      control: 'boolean',
      description: '`mixRoomAudio({ self })`: mix your own stream in with the others’ (your 440 Hz peak), or only theirs.',
    },
  },
  parameters: {
    docs: {
      description: {
        story:
          '`room.peers$.pipe(mixRoomAudio({ self }))` mixes the audio of every member of the roster, and your own ' +
          'stream if given, into **one** `MediaStream`, emitted once at subscribe. Members are added as their ' +
          'streams arrive and taken out when they leave; the stream stays the same object throughout, because a ' +
          '`MediaRecorder` is bound to the stream it was made with — this is what the recorder records. Inside, ' +
          'each member runs through its own `Tone.Gain` into one bus (`AudioMixer`), and remote streams get the ' +
          'same Chromium media-element fix as `analyse`.\n\n' +
          'The mix is a stream like any other, so it is analysed the same way. A sum of sines has one peak per ' +
          'sine: one per member. Press **Cy leaves** — Cy’s room ends, the others drop it from `peers$`, the ' +
          'mixer removes its input and the 880 Hz peak fades (as fast as the smoothing lets it). **Cy joins** ' +
          'brings it back, through a new `joinRoom`, into the same mix stream.\n\n' +
          '```ts\n' +
          'room.peers$.pipe(\n' +
          '  mixRoomAudio({ self: myStream }),   // one MediaStream, for the whole subscription\n' +
          '  analyse({ fftSize: 4096 }),\n' +
          ').subscribe((frame) => drawPeaks(frame.spectrum, frame.binHz));\n' +
          '```\n\n' +
          'Keep the subscription for as long as the mix is used (not `take(1)` nor `firstValueFrom`): ' +
          'unsubscribing disposes the mixer and ends the stream’s track.',
      },
    },
  },
  play: async ({ canvasElement, canvas, userEvent, step }) => {
    const mix = cardOf(canvasElement, MIX.card);
    const peaks = () => lines(mix, MIX.peaks).map((line) => Number.parseFloat(line));
    /** How far the mix's nearest peak is from `frequency`, in bins of its analysis. */
    const binsOff = (frequency: number) => Math.min(...peaks().map((peak) => Math.abs(peak - frequency))) / binWidthHz(mix);
    const [bo, cy] = OTHERS;

    await step('the mix has a peak at each member’s tone, and no other', async () => {
      await waitFor(() => {
        for (const { frequency } of EVERYONE) expect(binsOff(frequency)).toBeLessThanOrEqual(1);
        expect(peaks()).toHaveLength(EVERYONE.length);
      }, slow);
      await expect(meterDb(mix, MIX.meter)).toBeGreaterThan(AUDIBLE_DB);
      await expect(lines(mix, MIX.members).sort()).toEqual([`${YOU.name} (you)`, bo.name, cy.name].sort());
    });
    await step(`${cy.name} leaves: its ${cy.frequency} Hz peak goes, the others stay`, async () => {
      await userEvent.click(canvas.getByRole('button', { name: `${cy.name} leaves` }));
      await waitFor(() => {
        expect(binsOff(cy.frequency)).toBeGreaterThan(1);
        expect(binsOff(YOU.frequency)).toBeLessThanOrEqual(1);
        expect(binsOff(bo.frequency)).toBeLessThanOrEqual(1);
      }, slow);
      await expect(lines(mix, MIX.members).sort()).toEqual([`${YOU.name} (you)`, bo.name].sort());
    });
    await step(`${cy.name} joins again: its peak is back in the same mix`, async () => {
      await userEvent.click(canvas.getByRole('button', { name: `${cy.name} joins` }));
      await waitFor(() => expect(binsOff(cy.frequency)).toBeLessThanOrEqual(1), slow);
      await expect(peaks()).toHaveLength(EVERYONE.length);
    });
  },
};
