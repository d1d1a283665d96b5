/**
 * The feature layers on a Janus room, unchanged: the analyser hears every member, the stage
 * shows each member's video on its cube, the mix carries the room's sound — all fed from the
 * `peers$` of a room on a real Janus server. In the app's layer, the one that uses them all
 * (the room layer reaches no feature layer).
 */
import { filter, firstValueFrom, type Subscription, timeout } from 'rxjs';
import * as Tone from 'tone';
import { afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { mixRoomAudio } from '../audio/mixRoomAudio.ts';
import { roomLevels } from '../audio/roomLevels.ts';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { roomStage } from '../scene/roomStage.ts';
import type { Stage } from '../scene/Stage.ts';
import { placeContainer } from '../testing/canvasProbes.ts';
import { readTone } from '../testing/mediaProbes.ts';
import { colourShare, hexToRgb, readSquare } from '../testing/sceneProbes.ts';
import { joinRoom } from '../room/joinRoom.ts';
import type { Room } from '../room/Room.ts';
import { janusTransport } from '../room/janus/janusTransport.ts';

const rooms: Room[] = [];
const streams: MediaStream[] = [];
const subscriptions: Subscription[] = [];
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const room of rooms.splice(0)) room.leave();
  for (const stream of streams.splice(0)) for (const track of stream.getTracks()) track.stop();
});

beforeAll(async () => {
  // Chromium runs with the autoplay flag, Firefox with its autoplay preference: no gesture needed.
  await Tone.start();
});

const COLOURS = { bob: '#1fbf3f', cyd: '#2050e0' } as const;

function member(roomId: string, name: string, color?: string): Room {
  const stream = createSyntheticStream({ label: name, frequency: 440, width: 160, height: 120, ...(color ? { color } : {}) });
  streams.push(stream);
  const room = joinRoom(roomId, { name, stream, transport: janusTransport({ url: inject('janusUrls')[0] ?? '' }) });
  rooms.push(room);
  return room;
}

describe('the feature layers on a Janus room', () => {
  it("hears every member, shows each one's video on its cube, and mixes the room's sound", async () => {
    const name = `features-${Date.now()}`;
    const ada = member(name, 'ada');
    member(name, 'bob', COLOURS.bob);
    member(name, 'cyd', COLOURS.cyd);
    const peers = await firstValueFrom(
      ada.peers$.pipe(
        filter((listed) => listed.length === 2),
        timeout(20_000),
      ),
    );
    const idOf = (who: string) => peers.find((peer) => peer.name === who)?.id ?? '';

    const levels = roomLevels({ analyse: { rate: 20 } });
    const heard = firstValueFrom(
      ada.peers$.pipe(
        levels,
        filter((map) => map.get(idOf('bob'))?.speaking === true && map.get(idOf('cyd'))?.speaking === true),
        timeout(20_000),
      ),
    );
    expect(await heard).toBeTruthy();

    const container = placeContainer(400, 240);
    let stage: Stage | undefined;
    cleanups.push(container.remove);
    subscriptions.push(
      ada.peers$.pipe(roomStage({ container: container.element, pixelRatio: 1, transitionMs: 0 })).subscribe((shown) => (stage = shown)),
    );
    for (const who of ['bob', 'cyd'] as const) {
      await expect
        .poll(
          () => {
            if (!stage) return 0;
            stage.render();
            const at = stage.screenPosition(idOf(who));
            return at ? colourShare(readSquare(stage.renderer, at.x, at.y, 4), hexToRgb(COLOURS[who])) : 0;
          },
          { timeout: 20_000, message: `${who}'s colour on its cube` },
        )
        .toBeGreaterThan(0.3);
    }

    // The mix lives while subscribed: kept until the test ends.
    const mix = await new Promise<MediaStream>((resolve) => subscriptions.push(ada.peers$.pipe(mixRoomAudio()).subscribe(resolve)));
    expect((await readTone(mix, 1_000)).levelDb).toBeGreaterThan(-40);
  });
});
