/**
 * The Rooms docs page's text: what the step teaches, how a room works (the concepts) and what
 * each member of the Room API does. Kept apart from the stories so that the stories file reads
 * as the list of steps; stories/support/stepGuide.ts puts the parts in the page's order.
 */
import { LINK_THRESHOLDS } from '../../src/rtc/index.ts';
import { DEFAULT_UPLINK_KBPS } from '../../src/room/splitUplink.ts';

export const ROOMS_TEACHES = `
From two peers to a **room**: everyone who joins a named room is connected to everyone else,
sees who is there (\`peers$\`), can message everyone or one member, and can leave — on
peerstage's own server or on any stock PeerServer, which knows nothing of rooms. One imperative
call, \`joinRoom\`, and a handful of Observables. Then what a mesh costs each member — its
uplink, shared among all its calls — and how good each member's connection is, in words.
`;

export const ROOMS_API = `
\`joinRoom(roomId, options)\` puts this page in a named room with everyone else who joined it.
Each story runs **three members in this one page** — Ada, Bo and Cy, each with a synthetic
picture and tone of its own — and each of them is a full \`joinRoom\`, exactly as if it ran in
its own tab: they find each other through this Storybook's PeerServer at \`/peerjs\` like any
tabs would. No camera, no second person. Each render joins a room of its own
(\`story-<random UUID>\`), so two renders, or a story and its copy on this page, never meet.

| Member | What it does |
| --- | --- |
| \`self$\` | Emits \`{ id, name }\` once this member has joined: its PeerJS ID in the room. |
| \`peers$\` | The roster, without self, as an array of \`RemotePeer\`; replays the current one to each new subscriber. Emits again on every arrival and departure. |
| \`messages$\` | What the others \`send\`: \`{ from, data, direct? }\`, \`from\` being the sender's ID and \`direct\` marking a message sent to this member alone. In order per sender. |
| \`errors$\` | \`RoomError\`s with a \`reason\` the user must know about: \`wrong-passphrase\`, \`admission-refused\`, \`room-full\`, \`malformed-message\`, \`signaling-unavailable\`… Never thrown at you. |
| \`send(data, to?)\` | Any JSON value to everyone, or to the member whose ID is \`to\`. |
| \`leave()\` | Says goodbye and releases everything: links, calls, the directory role. Idempotent. The stream you passed in stays yours to stop. |
| \`RemotePeer.id\` / \`.name\` | Who the member is. The same object for as long as it stays: compare members by identity. |
| \`RemotePeer.stream$\` | The member's \`MediaStream\`, \`null\` until it arrives; replays the latest. A member may be listed before its stream arrives. |
| \`RemotePeer.stats(options?)\` | Round trip, bitrates, loss and route of the connection to the member, sampled while subscribed. Through \`toLinkQuality()\`: \`{ level: 'good' \\| 'fair' \\| 'poor', roundTripMs, lossRatio, relayed }\`, by \`LINK_THRESHOLDS\` (both from \`peerstage/rtc\`). |
| \`uplinkKbps\` (join option) | The most this member uploads over all its calls together (default ${DEFAULT_UPLINK_KBPS} kbit/s), split among them by \`splitUplink\`. |
| \`forEachPeer(project)\` | An operator for \`peers$\`: subscribes \`project(peer)\` when a member arrives and unsubscribes it when the member leaves. Whatever the inner Observable owns — a \`<video>\`, an analyser, a cube — lives exactly as long as the member's stay. |

\`\`\`ts
import { joinRoom } from 'peerstage';

const room = joinRoom('jam', { name: 'Ada', stream: myStream });   // joins at once
room.self$.subscribe(({ id }) => console.log('I am', id));
room.peers$.subscribe((peers) => console.log('with', peers.map((peer) => peer.name)));
room.messages$.subscribe(({ from, data }) => console.log(from, 'says', data));
room.errors$.subscribe((error) => console.warn(error.reason, error.message));
room.send({ kind: 'hello' });                                       // to everyone
// later
room.leave();
\`\`\`

\`joinRoom\` is the one imperative door: the room starts at once and \`leave()\` ends it. These
stories put it behind an Observable (\`stories/rooms/inRoom.ts\`): subscribing joins,
unsubscribing leaves, so a story's single Subscription owns every member's room. Names and
messages come from other members, so everything they choose is shown as text, never as HTML.
`;

export const ROOMS_CONCEPTS = `
**The mesh.** Every member connects to every other member: a data channel per pair for room
messages, and a call each way carrying each member's stream. Three members make three links;
eight (the default \`maxMembers\`) make 28, which is where a mesh stops being cheap. When two
members dial each other at the same moment, a fixed rule keeps the same one of the two links
at both ends.

**Where members meet.** peerstage's own servers (the hub, this Storybook) keep a **room
directory** beside their PeerServer: a newcomer enters the room there with its PeerJS ID (and
the token it registered it with, so nobody can enter someone else's), is told who is in it,
and dials each of them. The server sees a hash of the room's name, never the name; a passphrase
room's members are grouped by a *lock* derived from the passphrase, so the directory lists them
only to those who know it. Nobody can squat a meeting point the server keeps.

On a **stock PeerServer**, which only hands out IDs, a room name maps to one well-known PeerJS
ID (\`rendezvousId(roomId)\`). The first member registers it and becomes the room's directory;
a newcomer finds the ID taken, connects to it, is told who is in the room and dials each of
them. That first connection is kept as its link with the holder, so the pair needs no second
connection. When the holder leaves, the others race to register the ID: one wins and the
directory passes on, so the room outlives its first member. Whoever registers that ID first
holds it, stranger or not: the README's "Security" section says what follows.

**Admission by challenge and response.** Both ends of every link send a random challenge; the
one that dialed answers first, with an HMAC keyed by a key derived (PBKDF2, 600 000 rounds)
from the passphrase and the room name, bound to both members' IDs and both ends' DTLS
certificate fingerprints. Only once that answer checks out does the other side answer in turn
and say who it is; names travel after the proofs. The passphrase itself never leaves the page,
a stranger who dials a member earns no answer to guess the passphrase against, a recorded
answer is no use on another link, and a signaling server that slips its own certificate into
the connection makes every answer fail. A member that cannot prove it is refused and never
appears in anyone's roster. Refusals themselves are trusted only from a member that proved
itself: one stranger's "room full" or "wrong passphrase" ends nobody's visit.

**Leaving.** \`leave()\` says goodbye on every link, so the others drop the member at once. A
member that vanishes without a word (a closed tab, a lost network) is dropped by the
**heartbeat**: every link pings each \`heartbeatMs\`, and a member silent for \`leaveAfterMs\`
counts as gone (by default within 5 s). Either way it is a roster change, not an error.

**One uplink, many calls.** In a mesh each member sends its media once per other member, so
its upload grows with the room while its connection does not. All of a member's calls share one
budget (\`uplinkKbps\`): audio gets its share first, the rest is split among the video senders,
and a smaller share sends a smaller picture rather than a smeared one. The room sets each
call's \`maxBitrate\` and \`scaleResolutionDownBy\`, and sets them again whenever a member comes
or goes.

**Quality in words.** A person does not read stats; they notice delay and gaps. Each link is
rated from its round trip and from the share of packets lost since the last sample: *good*,
*fair* from ${LINK_THRESHOLDS.fair.roundTripMs} ms or ${LINK_THRESHOLDS.fair.lossRatio * 100} % lost, *poor* from ${LINK_THRESHOLDS.poor.roundTripMs} ms or ${LINK_THRESHOLDS.poor.lossRatio * 100} %, with a note when a TURN server relays
it — the words the hub's roster shows beside each member.
`;
