/**
 * The Peer basics docs page's introduction: what each Observable of the RTC layer does. Kept
 * apart from the stories so that the stories file reads as the list of steps.
 */
export const OBSERVABLES_GUIDE = `
The first PeerJS demo of the classroom handout, one step per story: open a peer, connect to
another one, chat, call with audio and video, hang up. The other peer is **Bob**, a second
peer running in this same page: he accepts every connection, answers every chat message and
answers every call with a green synthetic stream of his own. You need no second person and
no camera.

Everything comes from \`peerstage\`'s RTC layer, and everything in it is an RxJS Observable.
**Whoever subscribes owns:** subscribing to \`peerSession()\` registers a peer with the
signaling server (this Storybook serves one at \`/peerjs\`), and unsubscribing destroys it
with every connection and call made through it. Each story here owns one Subscription and
ends it when you leave the story or change a control.

| Observable | Where | What it does |
| --- | --- | --- |
| \`peerSession(options)\` | entry point | Subscribing registers a peer and emits its \`PeerSession\` at once; errors with a \`SignalingError\` (\`id-taken\`, \`invalid-id\`, \`unreachable\`…) when it cannot register. |
| \`state$\` | \`PeerSession\` | Where the registration stands: \`connecting\` → \`open\`, \`reconnecting\` while the server is out of reach (existing links keep working), \`closed\` at the end. Replays the current state. |
| \`id$\` | \`PeerSession\` | The registered ID, once the server has accepted it; replays it. Others connect and call to this ID. |
| \`connections$\` | \`PeerSession\` | Each data connection another peer opened to this one, once open. Bob's chat starts here. |
| \`calls$\` | \`PeerSession\` | Each call another peer makes to this one, not yet answered: \`answer(stream)\` returns an Observable of the \`Call\`, or \`decline()\`. |
| \`connect(id)\` / \`call(id, stream)\` | \`PeerSession\` | Cold: subscribing dials, emits the \`DataChannel\` or \`Call\` once open, completes when it closes; unsubscribing closes it. A failure (\`peer-unavailable\`, \`timeout\`…) errors this one connection only. |
| \`messages$\` | \`DataChannel\` | What the other side sent, in order: JSON values as parsed, binary as \`ArrayBuffer\`. Completes when the channel closes. \`send(value)\` is its way out. |
| \`remoteStream$\` | \`Call\` | The other side's \`MediaStream\`: \`null\` until it arrives and again after the call ends; replays the latest. Put it on a \`<video>\`. |
| \`closed$\` | \`DataChannel\`, \`Call\` | Emits once when the channel or call has ended, **whichever side** ended it: how Bob learns that Alice hung up. |
| \`stats(options?)\` | \`DataChannel\`, \`Call\` | \`getStats()\` boiled down once a second (or at your rate with \`{ intervalMs }\`), while subscribed: round trip, bitrates, packets lost and the candidate types of the route. Completes with the connection. |
| \`errors$\` | \`PeerSession\`, \`DataChannel\` | What went wrong without ending anything: signaling lost (and being retried), a connection refused, a malformed or oversized message. Typed errors with a \`reason\`, never thrown at you. |

A whole chat between two peers in one page, as a sketch to run in a console or a story:

\`\`\`ts
import { peerSession } from 'peerstage/rtc'; // the lower layer: rooms are in 'peerstage'
import { filter, first, map, switchMap } from 'rxjs';

// Bob: answers every message with the same text.
const bob = peerSession({ id: 'bob-demo' }).pipe(
  switchMap((session) => session.connections$),
  switchMap((channel) => channel.messages$.pipe(map((message) => channel.send(message)))),
).subscribe();

// Alice: waits until she is registered, connects to Bob, says hello, logs the echo.
const alice = peerSession().pipe(
  switchMap((session) => session.state$.pipe(first((state) => state === 'open'), map(() => session))),
  switchMap((session) => session.connect('bob-demo')),
  switchMap((channel) => (channel.send('hello'), channel.messages$)),
).subscribe((echo) => console.log('Bob says', echo));

// Later: unsubscribing destroys both peers, with their connections.
alice.unsubscribe();
bob.unsubscribe();
\`\`\`

Chat text and names come from the other peer, so the stories show them with
\`textContent\` and text nodes, never \`innerHTML\`: try sending \`<img src=x onerror=alert(1)>\`.
`;
