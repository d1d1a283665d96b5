/**
 * `roomLevels` with its default analyser (the real `analyse`) on real Tone.js, and local
 * synthetic members: the wiring the unit tests replace with fakes.
 */
import { BehaviorSubject, firstValueFrom, filter, throwError, timeout } from 'rxjs';
import * as Tone from 'tone';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import { AnalyserGraph } from './AnalyserGraph.ts';
import type { MemberAudio } from './MemberAudio.ts';
import { roomLevels } from './roomLevels.ts';

const streams: MediaStream[] = [];
afterEach(() => {
  for (const track of streams.splice(0).flatMap((stream) => stream.getTracks())) track.stop();
  vi.restoreAllMocks();
});

beforeAll(async () => {
  // Chromium runs with the autoplay flag: no gesture needed.
  await Tone.start();
});

function tone(label: string): MediaStream {
  const stream = createSyntheticStream({ label, frequency: 440, width: 64, height: 48, fps: 5 });
  streams.push(stream);
  return stream;
}

type Levels = ReadonlyMap<string, MemberAudio>;

/** The first map that passes `test`, as plain data (the map is reused), or a reason after 10 s. */
function levelsWhere(levels$: BehaviorSubject<Levels | null>, test: (levels: Levels) => boolean): Promise<Record<string, MemberAudio>> {
  return firstValueFrom(
    levels$.pipe(
      filter((levels): levels is Levels => levels !== null && test(levels)),
      timeout({ first: 10_000, with: () => throwError(() => new Error('no levels passed the test within 10 s')) }),
    ),
  ).then((levels) => Object.fromEntries([...levels].map(([id, audio]) => [id, { ...audio }])));
}

describe('roomLevels with the real analyser', () => {
  it('hears self and every member, drops a member who leaves, and disposes every graph', async () => {
    const graphs = new Set<AnalyserGraph>();
    const read = AnalyserGraph.prototype.read;
    vi.spyOn(AnalyserGraph.prototype, 'read').mockImplementation(function (this: AnalyserGraph) {
      graphs.add(this);
      return read.call(this);
    });
    const ada: MemberMedia = { id: 'ada', stream$: new BehaviorSubject<MediaStream | null>(tone('ada')) };
    const bob: MemberMedia = { id: 'bob', stream$: new BehaviorSubject<MediaStream | null>(new MediaStream(tone('bob').getVideoTracks())) };
    const roster = new BehaviorSubject<readonly MemberMedia[]>([ada, bob]);
    const latest = new BehaviorSubject<Levels | null>(null);
    const subscription = roster.pipe(roomLevels({ self: { id: 'me', stream: tone('me') }, analyse: { rate: 20 } })).subscribe(latest);

    // The tone is about -9 dBFS; bob shares video only.
    const heard = await levelsWhere(latest, (levels) => (levels.get('me')?.speaking ?? false) && (levels.get('ada')?.speaking ?? false));
    expect(heard.me!.levelDb).toBeGreaterThan(-20);
    expect(heard.ada!.levelDb).toBeGreaterThan(-20);
    expect(heard.bob).toEqual({ levelDb: Number.NEGATIVE_INFINITY, speaking: false });
    expect(graphs.size).toBe(2);

    roster.next([bob]);
    expect(Object.keys(await levelsWhere(latest, (levels) => !levels.has('ada')))).toEqual(['me', 'bob']);
    expect([...graphs].filter((graph) => graph.disposed)).toHaveLength(1);

    subscription.unsubscribe();
    expect([...graphs].every((graph) => graph.disposed && graph.spectrumAnalyser.disposed && graph.waveformAnalyser.disposed)).toBe(true);
  });
});
