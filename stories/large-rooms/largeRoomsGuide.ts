/**
 * The Large rooms docs page's text: when a mesh stops, what a media server (Janus, an SFU)
 * changes, how to put a room on one, and what was measured. stories/support/stepGuide.ts puts
 * the parts in the page's order.
 */
import { DEFAULT_MAX_MEMBERS } from '../../src/room/JoinOptions.ts';
import { DEFAULT_JANUS_MAX_MEMBERS } from '../../src/room/janus/JanusRoom.ts';
import { JANUS_CONNECTIONS } from '../../src/room/janus/uplinkModel.ts';
import { DEFAULT_UPLINK_KBPS } from '../../src/room/splitUplink.ts';
import { BENCH_FIGURES } from './benchFigures.ts';

const { from, to, meshGrowth, janusGrowth, janusOfMesh, joinTimeOfMesh, busyOfMesh } = BENCH_FIGURES;

export const LARGE_ROOMS_TEACHES = `
A mesh is the right room for a few people and the wrong one for a class. This step shows why —
what each member uploads, and how many connections it keeps, as a room grows — and the way past
it: the same \`Room\`, served by a media server (Janus) through \`janusTransport\`. Nothing above
the room changes: the roster, chat, audio analysis, the stage and recording never learn which
transport they got. The figures come from a model (\`uplinkModel\`), from a room measured in this
page, and from the \`janus\` bench suite's rooms of ${from} to ${to}.
`;

export const LARGE_ROOMS_CONCEPTS = `
**When a mesh stops.** In a mesh every member sends its media once per other member: in a room
of N, N − 1 copies, each encoded on its own (each call adapts to its own link), over 2(N − 1)
connections (a call each way per pair, the room's messages riding inside one of them). At
${DEFAULT_MAX_MEMBERS} members — the default \`maxMembers\`, where a mesh room says \`room-full\` — that is 7
copies and 14 connections per member. A member's upload grows with the room while its connection
does not: the uplink budget (\`uplinkKbps\`, ${DEFAULT_UPLINK_KBPS} kbit/s by default) is split among the
calls, so each copy gets a smaller picture. And every copy costs its encoder: on the 2-core
machine the bench runs on, six members sharing picture and sound already keep both cores busy.

**What an SFU changes.** A *selective forwarding unit* takes each member's media once and
forwards it to everyone else, without decoding or mixing it. Each member sends **one** copy, on
one connection (its *publisher*), gets everyone else's on one more (its *subscription*), and
talks through a third (Janus's TextRoom): ${JANUS_CONNECTIONS} connections, whatever the room's size, up to
${DEFAULT_JANUS_MAX_MEMBERS} members by default. What a member downloads does not change: one copy of each other member.

**Simulcast: layers the viewer picks from.** A server that only forwards cannot make a picture
smaller for a viewer who shows it small. So each member sends its picture in up to three
*layers* — full size, half and a quarter (three from 540 lines, two from 270, one below) — and
Janus forwards to each viewer the layer that fits how large it is shown there
(\`peer.showVideoAt(size)\`, which the stage calls for each cube's face). Each layer below has
half the bitrate of the one above, so three layers cost 1.75 copies: in a room of two, a member
sends more on Janus than on the mesh; from three members on, less.

**The cost moves to the server.** Janus forwards N(N − 1) copies: its network carries what the
members no longer do. The media goes straight between each browser and Janus's own UDP ports
(ICE and DTLS-SRTP); the hub carries only Janus's API, a WebSocket, at \`/janus/<i>\`. And the
server, not only the members, now sees and hears the room: it ends each member's encryption.
`;

export const LARGE_ROOMS_API = `
\`janusTransport({ url })\` is a \`RoomTransport\`: hand it to \`joinRoom\` and the room is on
the Janus VideoRoom at \`url\` (a \`ws:\` or \`wss:\` WebSocket; a URL of another kind throws a
\`TypeError\`), with the TextRoom of the same number for messages. The \`Room\` is the same as
the mesh's. It comes from \`peerstage/room\`, with \`janusServerFor\` for rooms spread over
several servers (\`janusTransport({ url: [first, second] })\` does that for you).

\`\`\`ts
import { janusTransport, joinRoom } from 'peerstage/room';

const url = 'wss://example.org/janus/0';
const room = joinRoom('workshop', { name: 'Ada', stream, transport: janusTransport({ url }) });
room.peers$.subscribe((peers) => console.log(\`\${peers.length} others\`));
room.leave();
\`\`\`

| Join option | On Janus |
| --- | --- |
| \`name\`, \`stream\` | As on the mesh: the stream is published once, in layers when its picture is tall enough. |
| \`passphrase\` | Sent to Janus only as a pin derived from it: members without it are refused (\`wrong-passphrase\`). |
| \`maxMembers\` | Default ${DEFAULT_JANUS_MAX_MEMBERS}. |
| \`uplinkKbps\` | Shared among the layers, halving from each to the next. |
| \`iceServers\` | Default none: Janus's own addresses are in its answer. |
| \`reconnect\` | When the server goes, the room says so on \`errors$\` and stays again as the policy allows, with the same member ID. |
| \`signaling\`, \`heartbeat\`, \`redial\`, \`createPeer\` | The mesh's own: they do not apply. |

**Running Janus.** \`npm start\` starts one when Debian's \`janus\` is installed
(\`sudo apt-get install janus\`), on 127.0.0.1, and serves it at \`/janus/0\` beside the hub; or name your own
with \`PEERSTAGE_JANUS=ws://10.0.0.5:8188,ws://10.0.0.6:8188\` (served at \`/janus/0\`, \`/janus/1\`).
A page picks its room's server with \`janusServerFor(roomId, config.janus)\` and opens it with
\`janusUrlFor(path, location)\`, so every member of a room meets on the same one.
Each Janus's media ports must be reachable from the pages: a public address, \`nat_1_1_mapping\`
behind a NAT, or a TURN server (docs/janus-notes.md).

**Measured.** The \`janus\` bench suite (\`npm run bench -- janus\`) puts rooms of 2, 4, 6 and 8 on
the mesh and on Janus round for round, each member a page of its own sharing 320×240 at 15 fps,
all on one loaded 2-core machine. From ${from} to ${to} members a member's uplink grew
**${janusGrowth}x on Janus and ${meshGrowth}x on the mesh** (the model says 1x and 7x: the mesh's ${to * (to - 1)} encoders
on 2 cores shed size and frames); at ${to}, a Janus member sent ${janusOfMesh}x what a mesh member did.
Connections per member: 2(N − 1) on the mesh, ${JANUS_CONNECTIONS} on Janus. Rooms of ${to} came together in
${joinTimeOfMesh}x the mesh's time, and pages of rooms of 6 were ${busyOfMesh}x as busy.

These stories need no Janus: the first draws the model, the second measures a mesh room in this
page and puts the same members on a Janus only when you give it one (\`janusUrl\`).
`;
