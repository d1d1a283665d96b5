/**
 * The Whole hub docs page's text: what the step teaches, how the app is put together from the
 * layers of the earlier steps (the concepts), and the app's parts as an API. Kept apart from
 * the stories so that the stories file reads as the list of steps; stories/support/stepGuide.ts
 * puts the parts in the page's order.
 */

export const HUB_TEACHES = `
Everything at once: the app people open for a real room session — \`npm start\`, then
\`/?room=jam&name=Ada\` — here running in this tab. You are one member; **Bo** and **Cy** are two
more, each a \`joinRoom\` of its own in this page with a synthetic picture and tone, and each
with a small chat form of its own, so you can talk to the hub from "another tab" and back.
Nothing here is new API: the step shows how the pieces of steps 1 to 4 fit into one page, and
how one subscription owns all of it.
`;

export const HUB_CONCEPTS = `
**One session, one subscription.** The hub's room page is \`roomSession(main, request, local)\`:
an Observable that, when subscribed, joins the room and builds the stage, the roster, the chat
and the media controls in \`main\`; when unsubscribed — or when **Leave** is pressed — it leaves
the room and releases all of it. The media come first, from \`localMedia(choice, name)\` (the
camera, a synthetic stream or nothing), so leaving also turns the camera light off.

**Layers meet in the app.** The room (step 2) gives \`peers$\`; the audio layer (step 4) turns it
into \`roomLevels\` for the roster's meters and the cubes' sizes; the scene layer (step 5) turns
it into a \`roomStage\`. The audio and scene layers never import each other: the app joins them
with operators.

**An app's own messages.** \`room.send\` carries any JSON value. The hub's chat sends
\`{ kind: 'chat', text }\` and checks every incoming message against a valibot schema
(\`readChatMessage\`) before showing it — as text, never as HTML. Anything else is ignored, so
the hub and other apps can share a room's wire safely. The virtual members here speak the same
format (\`stories/whole-hub/hubChatPart.ts\`).

**Errors people can act on.** \`room.errors$\` feeds a notices area in plain words
(\`humanMessage\`); failures that keep you out — a wrong passphrase, a full room — end the
session instead, and the app says why.

**Served with its own signaling.** \`npm start\` builds and serves the hub, a PeerServer at
\`/peerjs\` and the client configuration (ICE servers for STUN and TURN, from
\`PEERSTAGE_ICE_SERVERS\`) on one port — and, once \`npm run build-storybook\` has run, these
pages at \`/storybook/\`.
`;

export const HUB_API = `
\`\`\`ts
import { localMedia } from './src/app/localMedia.ts';
import { roomSession } from './src/app/roomSession.ts';
import { switchMap } from 'rxjs';

const main = document.querySelector('main')!;
const session = localMedia('synthetic', 'Ada')
  .pipe(switchMap((local) => roomSession(main, { room: 'jam', name: 'Ada', media: 'synthetic' }, local)))
  .subscribe((end) => console.log(end.kind === 'left' ? 'left the room' : end.error.reason));
// later: leave, release the stage, the analysers and the media
session.unsubscribe();
\`\`\`

| Part (src/app) | What it does |
| --- | --- |
| \`hubApp(main)\` | The whole page: the join screen, or a room session for a link with \`?room=&name=&media=\`; back to the join screen after Leave. |
| \`roomSession(main, request, local, join?)\` | One room session as one Observable: emits how it ended (\`left\` or \`refused\`) and completes; \`join\` puts it on another transport (a large room's Janus). |
| \`localMedia(choice, name)\` | \`'camera'\`, \`'synthetic'\` or \`'none'\` as one stream (or none, with the reason a camera was refused); unsubscribing stops it. |
| \`rosterView\`, \`chatView\`, \`mediaControls\`, \`stageCaption\` | The session's views, each an Observable that fills an element while subscribed. |
| \`chatMessage(text)\` / \`readChatMessage(data)\` | The chat's wire format, made and checked. |
| \`joinRequestFromSearch(search)\` / \`roomLink(url, room)\` | Links in and out: \`/?room=jam&name=Ada&media=synthetic\` joins at once; a shared link carries only the room (and \`large=1\` for a large room). |
| \`roomPlace(choice, config, location)\` / \`refusalText(error, room)\` | Large rooms: the mesh, the Janus server the room's name maps to, or none (said in words); a full mesh room's refusal suggests a large room when the server has Janus. |
`;
