import { BehaviorSubject, Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import { placeContainer } from '../testing/canvasProbes.ts';
import { colourShare, hexToRgb, readSquare, videoElementLedger } from '../testing/sceneProbes.ts';
import { roomStage, type StageLevel } from './roomStage.ts';
import type { Stage } from './Stage.ts';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
  vi.restoreAllMocks();
});

function stream(color: string): MediaStream {
  const media = createSyntheticStream({ color, width: 96, height: 96, fps: 10 });
  cleanups.push(() => {
    for (const track of media.getTracks()) track.stop();
  });
  return media;
}

/** A roster member whose stream the test sets, as the room's RemotePeer would follow it. */
function peer(id: string, name: string): MemberMedia & { readonly streams: BehaviorSubject<MediaStream | null> } {
  const streams = new BehaviorSubject<MediaStream | null>(null);
  return { id, name, stream$: streams, streams };
}

function centreShare(stage: Stage, id: string, colour: string): number {
  stage.render();
  const at = stage.screenPosition(id);
  return at ? colourShare(readSquare(stage.renderer, at.x, at.y, 4), hexToRgb(colour)) : 0;
}

describe('roomStage', () => {
  it('keeps one cube per member, self included, and releases everything on unsubscribe', async () => {
    const videos = videoElementLedger();
    const container = placeContainer(400, 240);
    cleanups.push(container.remove);
    const roster = new BehaviorSubject<readonly MemberMedia[]>([]);
    const levels = new Subject<ReadonlyMap<string, StageLevel>>();
    const bo = peer('bo', 'Bo');
    const cy = peer('cy', 'Cy');
    let stage: Stage | undefined;
    const shown = roster
      .pipe(
        roomStage({
          container: container.element,
          pixelRatio: 1,
          transitionMs: 0,
          levelSmoothingMs: 0,
          self: { id: 'ada', name: 'Ada', stream: stream('#e02424') },
          levels$: levels,
        }),
      )
      .subscribe((emitted) => (stage = emitted));
    cleanups.push(() => shown.unsubscribe());
    if (!stage) throw new Error('roomStage emitted no stage at subscribe');
    expect(stage.canvas.parentElement).toBe(container.element);
    expect(stage.memberIds).toEqual(['ada']);

    roster.next([bo, cy]);
    expect(stage.memberIds).toEqual(['ada', 'bo', 'cy']);
    // Bo's stream arrives after Bo: the cube shows it from then on.
    expect(videos.live()).toBe(1);
    bo.streams.next(stream('#1fbf3f'));
    expect(videos.live()).toBe(2);
    const shownStage = stage;
    await expect.poll(() => centreShare(shownStage, 'bo', '#1fbf3f'), { timeout: 10_000 }).toBeGreaterThan(0.6);

    // Levels as roomLevels gives them (objects with levelDb) or as plain numbers.
    levels.next(
      new Map<string, StageLevel>([
        ['bo', { levelDb: 0 }],
        ['cy', -30],
      ]),
    );
    expect(stage.scene.getObjectByName('bo')?.children[0]?.scale.x).toBeCloseTo(1.5);
    expect(stage.scene.getObjectByName('cy')?.children[0]?.scale.x).toBeCloseTo(1.25);

    // Cy's stream arrives without video, and its video track later, as a remote one can.
    const cyMedia = stream('#2a4fe0');
    const cyStream = new MediaStream(cyMedia.getAudioTracks());
    cy.streams.next(cyStream);
    expect(videos.live()).toBe(2);
    const [cyVideo] = cyMedia.getVideoTracks();
    if (!cyVideo) throw new Error('no synthetic video track');
    cyStream.addTrack(cyVideo);
    // A script's addTrack fires no event; the browser fires this one for remote streams.
    cyStream.dispatchEvent(new MediaStreamTrackEvent('addtrack', { track: cyVideo }));
    expect(videos.live()).toBe(3);
    await expect.poll(() => centreShare(shownStage, 'cy', '#2a4fe0'), { timeout: 10_000 }).toBeGreaterThan(0.6);

    roster.next([cy]);
    expect(stage.memberIds).toEqual(['ada', 'cy']);
    expect(stage.scene.getObjectByName('bo')).toBeUndefined();
    expect(videos.live()).toBe(2);

    const gl = stage.renderer.getContext();
    shown.unsubscribe();
    expect(stage.disposed).toBe(true);
    expect(gl.isContextLost()).toBe(true);
    expect(container.element.children).toHaveLength(0);
    expect(videos.live()).toBe(0);
    expect(roster.observed).toBe(false);
    expect(levels.observed).toBe(false);
    expect(bo.streams.observed || cy.streams.observed).toBe(false);
  });

  it('tells each member how large its cube is drawn, once per change, and any size once its cube goes', async () => {
    const container = placeContainer(400, 240);
    cleanups.push(container.remove);
    const told = new Map<string, Array<{ width: number; height: number } | null>>();
    const tellable = (id: string): MemberMedia => ({
      ...peer(id, id),
      showVideoAt: (size) => told.set(id, [...(told.get(id) ?? []), size]),
    });
    const [bo, cy, dy, ed] = [tellable('bo'), tellable('cy'), tellable('dy'), tellable('ed')];
    const roster = new BehaviorSubject<readonly MemberMedia[]>([bo]);
    let stage: Stage | undefined;
    const shown = roster
      .pipe(roomStage({ container: container.element, pixelRatio: 1, transitionMs: 0 }))
      .subscribe((made) => (stage = made));
    cleanups.push(() => shown.unsubscribe());
    const alone = stage?.videoSize('bo');
    await expect.poll(() => told.get('bo')).toEqual([alone]);

    // Four in a grid of two rows: the camera steps back, and every cube is drawn smaller.
    roster.next([bo, cy, dy, ed]);
    const shared = stage?.videoSize('bo');
    expect(shared?.height).toBeLessThan(alone?.height ?? 0);
    await expect.poll(() => told.get('bo'), { timeout: 5_000 }).toEqual([alone, shared]);
    await expect.poll(() => told.get('cy')).toEqual([shared]);

    roster.next([cy]);
    expect(told.get('bo')?.at(-1)).toBeNull();
    shown.unsubscribe();
    expect(told.get('cy')?.at(-1)).toBeNull();
    const counts = [...told.values()].map((sizes) => sizes.length);
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // Nothing more once the stage is gone.
    expect([...told.values()].map((sizes) => sizes.length)).toEqual(counts);
  });

  it('disposes the stage when the roster completes', () => {
    const roster = new BehaviorSubject<readonly MemberMedia[]>([peer('bo', 'Bo')]);
    let stage: Stage | undefined;
    let completed = false;
    roster.pipe(roomStage({ transitionMs: 0 })).subscribe({ next: (emitted) => (stage = emitted), complete: () => (completed = true) });
    expect(stage?.memberIds).toEqual(['bo']);
    roster.complete();
    expect(completed).toBe(true);
    expect(stage?.disposed).toBe(true);
  });
});
