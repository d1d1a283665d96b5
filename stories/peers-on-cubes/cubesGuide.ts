/**
 * The Peers on cubes docs page's text: what the step teaches, video on three.js cubes, the
 * render loop, the layouts and what is released when (the concepts), and the scene layer's
 * API. Kept apart from the stories so that the stories file reads as the list of steps;
 * stories/support/stepGuide.ts puts the parts in the page's order.
 */

export const CUBES_TEACHES = `
The classroom handout's three.js demo put video streams on randomly placed, rotating cubes.
Here the cubes follow a **room**: every story puts you (**Ada**) and some virtual members —
**Bo**, **Cy** and more, each a \`joinRoom\` of its own in this same page, as if in other tabs —
in one room. Each shares a synthetic picture in a colour of its own (\`createSyntheticStream\`)
and a tone voice, so no camera and no second person are needed. This page's stage shows one
cube per member, yourself included, each showing that member's video as the room delivers it.
`;

export const CUBES_CONCEPTS = `
**Video on a cube: \`VideoTexture\`.** WebGL cannot draw a \`MediaStream\`; it draws textures.
So each member's stream plays in a muted, detached \`<video>\` element, and a three.js
\`VideoTexture\` copies that element's current frame to the GPU whenever the video has a new
one (three asks the browser with \`requestVideoFrameCallback\`). The texture is the \`map\` of a
\`MeshBasicMaterial\`: unlit, so the cube shows the picture's own colours, which is how the play
functions below can recognise each member by the colour at its cube's centre. A member without
video gets a face with its name instead; a member's video arriving later (remote tracks often
do) swaps the face for the picture.

**A steady render loop.** The stage draws from a timer at a fixed rate (\`fps\`, default 30),
not from \`requestAnimationFrame\`. rAF follows the display (60, 120, 144 Hz: frames nobody needs
on a busy machine) and stops whenever the tab is hidden — and the stage is meant to be recorded:
\`stage.canvas.captureStream(30)\` makes a video track of the canvas, which only gets frames when
the canvas is drawn. A timer gives the recorder frames at a steady rate. The loop still pauses
while the page is hidden unless \`renderWhileHidden\` (set it while recording). Everything moves
by the milliseconds that passed, not by frames: spin, grow-in and shrink-away
(\`transitionMs\`), the glide to a new place when the layout changes (\`moveMs\`), and the size
following the level (an exponential approach with time constant \`levelSmoothingMs\`).

**Layouts that never overlap on screen.** The stage's default, \`fitLayout()\`, is an
*arrangement*: it knows the canvas's shape and who is focused, and spaces the cubes so that the
sphere holding each one (turned any way, at full level, highlighted, with its label) is drawn
apart from the others — a sphere off to the side is drawn up to 1/cos² of the half field of view
larger, and the spacing allows for it. The camera backs off just enough to draw every sphere
inside the canvas. A phone's tall stage gets a column, a wide one a row. A click on a cube
focuses its member (\`stage.focus\`, \`focused$\`): larger, the others beside it, still apart.

**Plain layouts.** \`randomLayout({ seed })\` scatters cubes as the handout did, but reproducibly (the
same seed gives the same places) and never closer than \`MIN_CUBE_DISTANCE\`, so spinning cubes
never touch; \`ringLayout()\` stands them on a circle; \`gridLayout()\` in rows. A layout is a pure
function from a member count to positions; when members come and go the stage asks it again and
the cubes glide to their new places while the camera reframes them.

**Audio reactivity.** \`roomLevels({ self })\` (the audio layer) analyses every member's sound
and emits one map of levels; handed to the stage as \`levels$\`, it makes each cube grow with
its member's level, by up to \`levelScale\` at 0 dBFS. The scene layer never imports the audio
layer: the map simply fits.

**Disposing.** GPU memory is not garbage collected: three.js frees a geometry, a material or a
texture only on \`dispose()\`. When a member leaves, its video element is released at once and
its cube shrinks away, then its geometry, materials and textures are disposed. When the
subscription that made the stage ends, the loop stops, every cube goes, the renderer is
disposed and its WebGL context given back (a page gets about 16). The tests check this by
\`renderer.info.memory\` and by counting live \`<video>\` elements over 50 joins and leaves.
`;

export const CUBES_API = `
\`\`\`ts
import { joinRoom, layoutByName, roomLevels, roomStage } from 'peerstage';

const room = joinRoom('jam', { name: 'Ada', stream: myStream });
room.self$.pipe(
  take(1),
  switchMap(({ id }) => room.peers$.pipe(roomStage({
    container: document.querySelector('#stage')!,
    self: { id, name: 'Ada', stream: myStream },            // you are on stage too
    layout: layoutByName('random', { seed: 7 }),
    levels$: room.peers$.pipe(roomLevels({ self: { id, stream: myStream } })),
  }))),
).subscribe((stage) => recordFrom(stage.canvas));         // unsubscribe: everything is released
\`\`\`

| API | What it does |
| --- | --- |
| \`roomStage(options)\` | An operator on \`peers$\`: builds a \`Stage\` on subscribe, emits it once, keeps one cube per member (and \`self\`), scales them by \`levels$\`, and disposes it all on unsubscribe. |
| \`Stage\` | The imperative core: \`addMember\`, \`setStream\`, \`setLevel\`, \`removeMember\`, \`screenPosition\`, \`render\`, \`dispose\`; \`canvas\` for the recorder. |
| \`showOnStage(stage)\` | The roster binding alone, for a stage you own (from \`peerstage/scene\`). |
| \`fitLayout()\`, \`fromLayout(layout)\` | Arrangements: the default that never draws cubes over each other, and a plain layout as one (from \`peerstage/scene\`). |
| \`stage.screenRects()\`, \`stage.focus(id)\`, \`stage.focused$\`, \`stage.setSpeaking(id, on)\` | Where each cube is drawn (CSS pixels); focus a member; the speaking rim. |
| \`stageViews(box, options)\` (the hub's) | Cubes or tiles, switched; \`views.recorded\` is the canvas to record. |
| \`randomLayout\`, \`ringLayout\`, \`gridLayout\`, \`layoutByName\` | Where cubes stand: pure functions of the member count (\`layoutByName\` is in \`peerstage\`, each layout in \`peerstage/scene\`). |
`;
