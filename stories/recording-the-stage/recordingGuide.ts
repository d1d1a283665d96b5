/**
 * The Recording the stage docs page's text: what the step teaches, how a canvas and a sound
 * become a WebM and why that WebM cannot be seeked until it is remuxed (the concepts), and the
 * record layer's API. Kept apart from the stories so that the stories file reads as the list of
 * steps; stories/support/stepGuide.ts puts the parts in the page's order.
 */

export const RECORDING_TEACHES = `
Anyone in a room can record the stage: the three.js canvas, as this page draws it, together
with the **room's mix** — every member's sound in one track. The stories put you (**Ada**) and
two virtual members (**Bo**, **Cy**: \`joinRoom\`s of their own in this page, signalled by the
Storybook's own server) on the stage of step 5, and record it with \`StageRecorder\`: Record,
Pause, Resume and Stop, a running clock and the size so far, and a finished file that plays in
a \`<video controls>\` **whose seek bar works** — which a plain MediaRecorder file's does not.
The second story closes the tab in the middle of a recording (almost: it disposes the recorder
without stopping it) and gets the recording back. The third puts the hub's own recording panel
on the stage: this visit's recordings with size, length and Download, and what closed tabs left
(interrupted, finished, or junk) listed, recovered, or refused in words.
`;

export const RECORDING_CONCEPTS = `
**A canvas as a video track: \`captureStream\`.** \`canvas.captureStream(fps)\` returns a
MediaStream whose one video track gets a frame whenever the canvas is drawn, at most \`fps\` a
second. The stage draws from a steady 30 fps timer (not \`requestAnimationFrame\`, which stops in
hidden tabs), so the track runs at 30 fps. The room's mix is a track of its own:
\`mixRoomAudio\` sums every member's stream through a Web Audio graph into a
\`MediaStreamAudioDestinationNode\`, one stream object for the whole recording while members
come and go (a MediaRecorder is bound to the stream it was made with). The recorder records
\`new MediaStream([...canvasTracks, ...mixTracks])\`.

**MediaRecorder and timeslices.** \`recorder.start(timesliceMs)\` makes MediaRecorder hand over
the file in pieces, one \`dataavailable\` event every timeslice. Without a timeslice the whole
recording sits in the browser's memory until \`stop()\` — an hour of stage is a gigabyte. With
one, each chunk can go to disk at once, and the concatenation of the chunks *is* the file.

**Why that file cannot be seeked.** A WebM (Matroska) file is a tree of elements, each with its
size up front. MediaRecorder writes it as a live stream: when it writes the header it does not
know how long the recording will be, so the segment's **Duration** is missing, clusters have an
"unknown" size, and there are no **Cues** — the index from times to key-frame positions that a
player uses to jump. A player shows such a file with no duration (\`video.duration\` is
\`Infinity\`) and its seek bar does nothing, or scans the whole file first.

**Remuxing fixes it, without re-encoding.** At stop, \`remuxToSeekable\` reads the chunks with
[mediabunny](https://mediabunny.dev) and writes them out again as a new WebM: the same encoded
packets, byte for byte (\`copy: { mode: 'forced' }\`), but now with a SeekHead, the Duration and
Cues. Nothing is decoded or encoded, so it takes a small share of the recording's own
duration, not about as long again as re-encoding would (\`npm run bench -- record\` measures
it per minute of video). \`inspectRecording\` reads the result back: tracks,
duration, frames, and whether the Cues and the Duration are there.

**Chunks on OPFS.** The Origin Private File System (\`navigator.storage.getDirectory()\`) is a
file system of this origin's own, invisible to the user, fast and large. \`RecordingStore\`
keeps a folder per recording: \`meta.json\` (room, start, type, and a *finished* marker), one
\`chunk-000000.webm\` file per timeslice, each closed as soon as it is written, and at the end
\`recording.webm\`, the seekable file, written by mediabunny straight into OPFS. So neither the
recording nor its rewrite ever sits whole in memory; the JS heap stays flat however long you
record.

**Recovery.** A closed or crashed tab never calls \`stop()\`: its folder keeps its chunks and a
record without the finished marker. On the next visit \`listInterruptedRecordings()\` finds it
and \`recoverRecording(id)\` remuxes the chunks that reached the disk into a seekable file. A crash
loses at most the last timeslice (the chunk MediaRecorder was still filling).

**Two tabs, one disk.** Every tab of an origin sees the same OPFS, so a second tab would find a
recording the first is still making, unfinished, and could "recover" or delete it from under it.
A recorder therefore holds a **Web Lock** (\`navigator.locks\`) named after its recording from
\`start()\`, and \`stop()\` hands it to the finished recording it returns, which keeps it until
\`delete()\` or \`release()\`; the browser frees it by itself when the tab closes or crashes.
\`listRecordings()\` (and \`listInterruptedRecordings()\`) leave out what a tab holds, and
\`recoverRecording\`, \`openRecording\` and \`deleteRecording\` refuse it with a \`RecordError\`
\`'in-use'\`. What a closed tab left is listed on the next visit: interrupted (\`finished: false\`:
recover it) or finished but never deleted (\`finished: true\`: open it, download it).

**A full disk.** When OPFS refuses a chunk with a \`QuotaExceededError\`, the recorder stops at
once and \`progress$\` says \`'failed'\` with a \`RecordError\` \`'storage-full'\`; the chunks
already stored stay, as an interrupted recording to recover once there is room.

**Lifetimes.** A \`StageRecorder\`'s one subscription owns the canvas capture, the MediaRecorder
and the queue of chunk writes; \`stop()\` or \`dispose()\` ends it (the captured track stops). The
mix lives as long as the \`mixRoomAudio\` subscription. These stories record into a store folder
of their own and delete what they recorded when you leave the story.
`;

export const RECORDING_API = `
\`\`\`ts
room.self$.pipe(take(1), switchMap(({ id }) => combineLatest([
  room.peers$.pipe(roomStage({ container, self: { id, name: 'Ada', stream: myStream }, renderWhileHidden: true })),
  room.peers$.pipe(mixRoomAudio({ self: myStream })),
]))).subscribe(async ([stage, mix]) => {
  const recorder = new StageRecorder(stage.canvas, { audio: mix, room: 'jam', fps: 30 });
  recorder.progress$.subscribe(({ state, elapsedMs, bytes }) => show(state, elapsedMs, bytes));
  await recorder.start();
  // … pause(), resume() …
  const recording = await recorder.stop();        // seekable: Duration, SeekHead and Cues
  await downloadBlob(recording.file, recording.fileName);
  await recording.delete();
  recorder.dispose();
});

// On the next visit:
for (const meta of await listInterruptedRecordings()) {
  const recovered = await recoverRecording(meta.id);
  video.src = URL.createObjectURL(recovered.file);
}
\`\`\`

| API | What it does |
| --- | --- |
| \`StageRecorder(canvas, options)\` | Records a canvas (captured at \`fps\`) and an optional \`audio\` stream: \`start\`, \`pause\`, \`resume\`, \`stop\` (resolves with the seekable file), \`dispose\`; \`progress$\` gives state, time recorded (pauses left out) and bytes. |
| \`chooseMimeType\`, \`DEFAULT_MIME_TYPES_WITH_AUDIO\` | The first WebM type the browser records, VP9 + Opus first; Firefox records VP8 + Opus (its MediaRecorder has no VP9 and no AV1). From \`peerstage/record\`. |
| \`remuxToSeekable(blob, { file })\` | A timesliced WebM rewritten with Duration, SeekHead and Cues, without re-encoding. From \`peerstage/record\`. |
| \`inspectRecording(blob)\` | Reads a file back: tracks, duration, frames, and whether it is seekable. From \`peerstage/record\`. |
| \`RecordingStore\` | The OPFS folder of recordings: chunks, metadata records, seekable files. From \`peerstage/record\`. |
| \`listRecordings\`, \`listInterruptedRecordings\`, \`recoverRecording\`, \`openRecording\`, \`deleteRecording\` | What a closed tab left (never what an open tab holds), made whole, opened or removed. |
| \`recordingFileName\`, \`downloadBlob\` | \`peerstage-<room>-<date>-<time>.webm\`, saved through the browser's download (\`recordingFileName\` from \`peerstage/record\`). |
`;
