/**
 * The Hearing peers docs page's text: what the step teaches, what analysing sound in the
 * browser means (the concepts) and the audio layer's API. Kept apart from the stories so that
 * the stories file reads as the list of steps; stories/support/stepGuide.ts puts the parts in
 * the page's order.
 */

export const HEARING_TEACHES = `
The classroom handout's Tone.js demo shared audio with one partner, then analysed and drew both
streams. Here it is done for a **room**: every story puts three members in one room — **Ada**,
who is *you* (this page's own member), and **Bo** and **Cy**, two more \`joinRoom\`s in this
same page, as if in other tabs. Each sends a sine tone of its own (Ada 440 Hz, Bo 660 Hz,
Cy 880 Hz), made with a Tone.js \`Oscillator\` and shared as a \`MediaStream\`
(\`context.createMediaStreamDestination()\`): no microphone, no second person. Each render joins
a room of its own, so two renders never hear each other.
`;

export const HEARING_CONCEPTS = `
**Web Audio analysis.** The browser's \`AnalyserNode\` (Tone.js wraps it as \`Tone.Analyser\`)
keeps the latest \`fftSize\` samples of a sound. Read as they are, they are the **waveform**:
the sound's pressure over those few milliseconds, from -1 to 1. Put through a Fourier
transform (FFT), they become the **spectrum**: how strong each frequency is. \`analyse()\`
builds one such graph per stream and reads it \`rate\` times a second.

**FFT bins.** The FFT of \`fftSize\` samples gives \`fftSize / 2\` **bins**, each
\`sampleRate / fftSize\` Hz wide: with an \`fftSize\` of 2048, 21.53 Hz at 44.1 kHz and
23.44 Hz at 48 kHz (each card shows the width it measured with). Bin \`i\` holds the sound near
\`i × binHz\` Hz, so a spectrum says which bin a tone fell in, not its exact pitch: at
44.1 kHz, 440 Hz reads as 431 Hz (bin 20). A larger \`fftSize\` gives narrower bins but a
longer window (at 44.1 kHz, 2048 samples last 46 ms, 16384 last 372 ms), so it follows changes
more slowly: detail in frequency is paid for in time.

**dBFS.** Levels are in decibels relative to *full scale*: 0 dBFS is the loudest a sample can
be (±1), and every 6 dB down halves the amplitude. \`levelDb\` is the RMS (the average power) of
the latest window: a full-scale sine is -3 dBFS, these tones (amplitude 0.5) about -9 dBFS,
digital silence \`-Infinity\`. A voice at an ordinary microphone gain reads -35 to -15 dBFS.
The spectrum is in dB too, one value per bin.

**Smoothing.** Web Audio blends each new spectrum with the last (\`smoothingTimeConstant\`):
0 shows every window raw and jumpy, the default 0.8 keeps 80 % of the last one, so peaks are
steady and fade over a few frames; 1 freezes the picture. Only the spectrum is smoothed: the
level and the waveform are every window's own. The blend happens at each read, so at a higher
\`rate\` the spectrum also settles faster.

**Remote audio in Chromium.** Chromium's Web Audio hears a remote WebRTC stream as silence
unless that same stream also plays in a media element — a long-standing Chromium quirk.
peerstage deals with it inside: \`analyse\` and the mixer play each stream they are given in a
muted, detached \`<audio>\` element (\`keepAudioFlowing\`) and release it with the analysis.
So give them any stream, local or remote, as it is.

**Starting sound.** Browsers run an \`AudioContext\` only once the user has clicked or typed on
the page; until then every analyser reads silence. \`startAudioOnGesture()\` starts Tone.js's
context on the first gesture (the \`Tone.start()\` of the handout), and \`audioPlayback()\`
says whether it runs: the "Sound" line at the top of each story follows it, and asks for a
click while it must. The test browser allows autoplay, so there it is on from the start.
`;

export const HEARING_API = `
\`\`\`ts
import { analyse, forEachPeer, joinRoom, startAudioOnGesture } from 'peerstage';
import { levelMeter, spectrumView } from 'peerstage/audio'; // the widgets
import { filter, merge, share } from 'rxjs';

startAudioOnGesture().subscribe();
const room = joinRoom('jam', { name: 'Ada', stream: myTone });
room.peers$.pipe(
  forEachPeer((peer) => {
    const frames$ = peer.stream$.pipe(filter(Boolean), analyse({ fftSize: 2048, rate: 30 }), share());
    return merge(frames$.pipe(levelMeter({ label: peer.name })), frames$.pipe(spectrumView()));
  }),
).subscribe((element) => panel.append(element)); // each removed again when its member leaves
\`\`\`

| API | What it does |
| --- | --- |
| \`analyse({ fftSize, smoothing, rate, waveform })\` | An operator from \`MediaStream\` to \`AudioFrame { levelDb, spectrum, binHz, waveform? }\`: a Tone.js graph built on subscribe, disposed on unsubscribe. **One frame object is refilled every time**: read it when it comes, copy what you keep. |
| \`levelMeter\`, \`spectrumView\`, \`waveformView\` | Operators from frames to an \`HTMLElement\`: the element is emitted once, at subscribe, for you to place, drawn at most once per animation frame, and removed at unsubscribe. The meter is an ARIA \`meter\` (\`aria-valuenow\` in whole dB); labels are text. From \`peerstage/audio\`. |
| \`roomLevels({ self })\` | An operator on \`peers$\`: one map of every member's \`{ levelDb, speaking }\`, self included, emitted at most once per analysis period. |
| \`speaking(policy)\` | Levels to "is speaking", with hysteresis: on above \`startDb\` for \`startAfterMs\`, off below \`stopDb\` for \`stopAfterMs\`. From \`peerstage/audio\`. |
| \`activeSpeaker(policy)\` | From \`roomLevels\`' maps, the ID of who has the floor (or \`null\`): it passes over only to someone \`marginDb\` louder for \`switchAfterMs\`, or when the speaker stops. |
| \`mixRoomAudio({ self })\` / \`AudioMixer\` | Every member's audio in one \`MediaStream\`, the same object while members come and go: what a recorder records (\`AudioMixer\` from \`peerstage/audio\`). |
| \`startAudioOnGesture()\` / \`audioPlayback()\` | Start Tone.js on the first click or key; whether sound runs now. |
| \`keepAudioFlowing(stream)\` | The Chromium remote-audio fix on its own, for a graph of your own (from \`peerstage/audio\`). |
`;
