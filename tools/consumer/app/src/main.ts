/**
 * A consumer's page, as a user of the published package writes it: the main path from the root
 * entry, the rest from each layer's subpath. tools/checkConsumer.ts builds it with Vite and
 * type-checks it against the package's declarations; nothing here runs.
 */
import { createSyntheticStream, joinRoom, layoutByName, type RemotePeer, type RoomError, roomStage, type Stage } from 'peerstage';
import { chooseMimeType, RecordingStore } from 'peerstage/record';
import { rendezvousId } from 'peerstage/room';
import { ConnectionError, type DataChannel, peerSession, SignalingError } from 'peerstage/rtc';
import { levelMeter } from 'peerstage/audio';
import { ringLayout } from 'peerstage/scene';
import { filter, switchMap, take } from 'rxjs';

const stream = createSyntheticStream({ label: 'Ada' });
const room = joinRoom('jam', { name: 'Ada', stream, signaling: { host: location.hostname, port: 8080 } });
room.errors$.subscribe((error: RoomError) => console.warn(error.reason));
room.peers$.subscribe((peers: readonly RemotePeer[]) => console.log(peers.map((peer) => peer.name)));
room.self$
  .pipe(
    take(1),
    switchMap(({ id }) =>
      room.peers$.pipe(roomStage({ container: document.body, self: { id, stream }, layout: layoutByName('random', { seed: 7 }) })),
    ),
  )
  .subscribe((stage: Stage) => console.log(stage.memberIds, chooseMimeType({ audio: true }), ringLayout()(3)));

// The lower layer: a session of one's own, and its typed errors.
peerSession()
  .pipe(switchMap((session) => session.connect(rendezvousId('jam'))))
  .subscribe({
    next: (channel: DataChannel) => void channel.send({ text: 'hello' }),
    error: (error: unknown) => {
      if (error instanceof ConnectionError || error instanceof SignalingError) console.warn(error.reason);
    },
  });

room.peers$
  .pipe(
    filter((peers) => peers.length > 0),
    take(1),
  )
  .subscribe(() => console.log(levelMeter, RecordingStore));
