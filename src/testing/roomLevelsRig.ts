/**
 * The rig of the roomLevels tests (src/audio/roomLevels.*.test.ts): rosters, streams and
 * analysers in the virtual time of a TestScheduler.
 */
import { BehaviorSubject, map, type Observable, type OperatorFunction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { expect } from 'vitest';
import type { MemberMedia } from '../room/RemotePeer.ts';
import type { AudioFrame } from '../audio/AudioFrame.ts';
import type { MemberAudio } from '../audio/MemberAudio.ts';
import { roomLevels, type RoomLevelsOptions, type StreamAnalyser } from '../audio/roomLevels.ts';

export const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

export type Roster = readonly MemberMedia[];
/** What a test compares: `{ ada: [levelDb, speaking] }`, copied, as the map is reused. */
export type Snapshot = Record<string, readonly [number, boolean]>;

export const SILENT = [Number.NEGATIVE_INFINITY, false] as const;
/** 10 Hz: one emission per 100 ms at most. Speaking without delays unless a test says so. */
export const RATE = { rate: 10 };
export const INSTANT = { startAfterMs: 0, stopAfterMs: 0 };

/** A stand-in for a MediaStream: the fake analyser only tells them apart by identity. */
export const fakeStream = (label: string) => ({ id: label }) as unknown as MediaStream;
export const frame = (levelDb: number): AudioFrame => ({ levelDb, spectrum: new Float32Array(0), binHz: 0 });
/** F -20 dB, L -30 dB (speaking), Q -70 dB (not). */
export const FRAMES = { F: frame(-20), L: frame(-30), Q: frame(-70) };
export const peer = (id: string, stream$: Observable<MediaStream | null>): MemberMedia => ({ id, name: id, stream$ });
/** A roster as `room.peers$` hands it out: replayed at once on subscribe. */
export const replayed = (roster: Roster) => new BehaviorSubject(roster);

/** Analyses each stream with the Observable given for it, by identity. */
export const analyserOf =
  (frames: ReadonlyMap<MediaStream, Observable<AudioFrame>>): StreamAnalyser =>
  (stream) => {
    const inner = frames.get(stream);
    if (inner === undefined) throw new Error(`no frames for ${stream.id}`);
    return inner;
  };

export const snapshot: OperatorFunction<ReadonlyMap<string, MemberAudio>, Snapshot> = map((levels) =>
  Object.fromEntries([...levels].map(([id, { levelDb, speaking }]) => [id, [levelDb, speaking] as const])),
);

export const levelsOf = (options: RoomLevelsOptions) => (roster: Observable<Roster>) =>
  roster.pipe(roomLevels({ speaking: INSTANT, ...options }), snapshot);
