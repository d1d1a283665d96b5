/**
 * The room's sound as one stream, following the roster: what the recorder records.
 */
import { Observable, of, switchMap, type OperatorFunction } from 'rxjs';
import type { MemberMedia } from '../room/RemotePeer.ts';
import { forEachPeer } from '../room/forEachPeer.ts';
import { AudioMixer, type AudioMixerOptions } from './AudioMixer.ts';

export interface MixRoomAudioOptions extends AudioMixerOptions {
  /** This member's own stream, mixed in with the others' (e.g. the microphone). Default none. */
  readonly self?: MediaStream | null;
}

/** The key of this member's own stream: a symbol, so that no member's ID can clash with it. */
const SELF = Symbol('self');

/**
 * Mixes the audio of every member in the roster (and of `self`, if given) into one
 * MediaStream, which it emits once, at subscribe. Members are mixed in as their streams
 * arrive, switched when their streams change, and taken out when they leave; the emitted
 * stream stays the same object throughout, so a recorder can hold it. Unsubscribing (or the
 * roster completing) disposes the whole graph and ends the stream's track: keep the
 * subscription for as long as the mix is used (so not `take(1)` nor `firstValueFrom`).
 *
 * @example
 * ```ts
 * room.peers$.pipe(mixRoomAudio({ self: stream })).subscribe((mix) => {
 *   const recorder = new MediaRecorder(new MediaStream([...canvas.captureStream(30).getVideoTracks(), ...mix.getAudioTracks()]));
 *   recorder.start();
 * });
 * ```
 */
export function mixRoomAudio(options: MixRoomAudioOptions = {}): OperatorFunction<readonly MemberMedia[], MediaStream> {
  const { self, ...mixerOptions } = options;
  return (roster$) =>
    new Observable<MediaStream>((subscriber) => {
      const mixer = new AudioMixer(mixerOptions);
      subscriber.next(mixer.stream);
      // `take(1)` or `firstValueFrom` end the subscription, and with it the mix, right here.
      if (subscriber.closed) return () => mixer.dispose();
      if (self) mixer.add(SELF, self);
      const members = roster$.pipe(forEachPeer((peer) => mixMember(mixer, peer))).subscribe({
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        // Members first: their teardowns remove inputs from a mixer that is still alive.
        members.unsubscribe();
        mixer.dispose();
      };
    });
}

/**
 * Keeps `peer`'s latest audio in `mixer` until unsubscribed, i.e. until the member leaves:
 * a `stream$` that completes leaves its last stream in the mix.
 */
function mixMember(mixer: AudioMixer, peer: MemberMedia): Observable<never> {
  return new Observable<never>((subscriber) => {
    const changes = peer.stream$.pipe(switchMap((stream) => (stream ? audioChanges(stream) : of(null)))).subscribe({
      next: (stream) => (stream ? mixer.add(peer.id, stream) : mixer.remove(peer.id)),
      error: (error: unknown) => subscriber.error(error),
    });
    return () => {
      changes.unsubscribe();
      mixer.remove(peer.id);
    };
  });
}

/**
 * `stream` whenever its audio tracks change (`null` while it has none). A remote stream can
 * gain its audio track after it was handed out, and a stream source built before that would
 * stay silent, so the source must be built again.
 */
function audioChanges(stream: MediaStream): Observable<MediaStream | null> {
  return new Observable<MediaStream | null>((subscriber) => {
    const emit = () => subscriber.next(stream.getAudioTracks().length > 0 ? stream : null);
    const onTrack = (event: MediaStreamTrackEvent) => {
      if (event.track.kind === 'audio') emit();
    };
    stream.addEventListener('addtrack', onTrack);
    stream.addEventListener('removetrack', onTrack);
    emit();
    return () => {
      stream.removeEventListener('addtrack', onTrack);
      stream.removeEventListener('removetrack', onTrack);
    };
  });
}
