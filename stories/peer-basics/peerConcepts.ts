/**
 * Step 1's teaching text: what a learner gets out of the Peer basics stories and the WebRTC
 * ideas underneath them — signaling, ICE, STUN and TURN, data channels, media calls — in
 * plain words. The API itself is in observablesGuide.ts.
 */

export const PEER_TEACHES = `
How two browsers talk to each other directly: one **peer** registers with a signaling server,
another **connects** to it for text (a data channel) or **calls** it with a camera's worth of
audio and video, and either side hangs up. Every piece is an RxJS Observable that owns what it
made: subscribe to start it, unsubscribe to end it. This is the classroom handout's first
PeerJS demo, with Bob played by a second peer in this same page.
`;

export const PEER_CONCEPTS = `
**Peer.** One browser's end of WebRTC. PeerJS gives each peer an **ID**, a name the signaling
server hands out (or accepts when you choose it); other peers reach you by that ID.

**Signaling.** Two browsers cannot find each other on their own: before any direct link, they
must swap a description of what they want to send (an *offer* and an *answer*, in SDP) and the
addresses they can be reached at. Signaling is the go-between that carries those few messages,
over a WebSocket. It never sees your chat or your video. Here it is a PeerJS **PeerServer**,
embedded in the server that serves this page at \`/peerjs\` (\`npm run storybook\`, \`npm start\`
and the dev server all have one), so stories need nothing else.

**ICE.** *Interactive Connectivity Establishment* is how the two browsers pick a route. Each
gathers **candidates** — addresses it might be reached at: \`host\` (its own network
interfaces), \`srflx\` (its public address, as a STUN server saw it), \`relay\` (an address on a
TURN server) — and sends them through signaling. Both ends then try pairs of candidates and
keep the first pair that works. The *Stats* story shows which kinds won.

**STUN and TURN.** Behind a home router, a browser does not know its own public address. A
**STUN** server tells it (one small request, no media goes through it). When no direct route
works at all — strict firewalls, some mobile networks — a **TURN** server *relays* the media:
it costs bandwidth, so it is the last resort. On one machine or one LAN, \`host\` candidates are
enough: these stories and the tests use no STUN or TURN server at all (\`iceServers: []\`),
and \`npm start\` hands its clients whatever \`PEERSTAGE_ICE_SERVERS\` names.

**Data channels.** Once connected, a **data channel** carries messages straight from one
browser to the other, encrypted, in order and reliably (SCTP over DTLS): chat text, JSON,
binary. PeerJS wraps one as a \`DataConnection\`; peerstage wraps that as a \`DataChannel\` with a
\`messages$\` Observable.

**Calls and tracks.** A **call** sends a \`MediaStream\` — a bundle of **tracks**, one audio and
one video here — as encrypted RTP, and receives the other side's. A track runs (and a camera
light stays on) until someone calls \`track.stop()\`; that is why every story stops what it
made when you leave it. **Synthetic media** stands in for a camera: \`createSyntheticStream()\`
draws a moving picture on a canvas (\`canvas.captureStream()\`) and makes a tone with Web Audio.
`;
