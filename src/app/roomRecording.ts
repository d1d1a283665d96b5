/**
 * Recording a room: the stage's canvas and the room's mixed sound (every member, this one
 * included) into one StageRecorder. The mix follows the roster, so members may come and go
 * while it records.
 */
import { Subscription, type Observable } from 'rxjs';
import { mixRoomAudio } from '../audio/mixRoomAudio.ts';
import { StageRecorder } from '../record/StageRecorder.ts';
import type { StageRecorderOptions } from '../record/recorderOptions.ts';
import type { MemberMedia } from '../room/RemotePeer.ts';
import type { RecordedView } from './recordedView.ts';

export interface RoomRecordingOptions {
  /** The view to record: the stage, or the tile view (see recordedView.ts). */
  readonly stage: RecordedView;
  readonly peers$: Observable<readonly MemberMedia[]>;
  /** This member's own stream, mixed in with the others'. */
  readonly self?: MediaStream | null;
  /** Recorder settings (room name for the file name, codec, bitrates...). */
  readonly recorder?: Omit<StageRecorderOptions, 'audio'>;
}

export interface RoomRecording {
  readonly recorder: StageRecorder;
  /** Releases the mix and the recorder, and lets the stage rest while hidden again. */
  release(): void;
}

/**
 * Sets up a recorder of `stage` with the room's mix; call `recorder.start()` to record, and
 * `release()` once stopped (or to abandon it: what reached storage stays recoverable).
 *
 * @example
 * ```ts
 * const { recorder, release } = roomRecording({ stage, peers$: room.peers$, self: stream, recorder: { room: 'jam' } });
 * await recorder.start();
 * const recording = await recorder.stop();
 * release();
 * ```
 */
export function roomRecording(options: RoomRecordingOptions): RoomRecording {
  const { stage, peers$, self = null } = options;
  const mixing = new Subscription();
  let mix: MediaStream | undefined;
  // mixRoomAudio emits its one stream at subscribe.
  mixing.add(peers$.pipe(mixRoomAudio({ self })).subscribe((stream) => (mix = stream)));
  let recorder: StageRecorder;
  try {
    recorder = new StageRecorder(stage.canvas, { ...options.recorder, audio: mix ?? null });
  } catch (error) {
    mixing.unsubscribe();
    throw error;
  }
  // A hidden tab would otherwise record a frozen picture.
  const restWhileHidden = stage.renderWhileHidden;
  stage.renderWhileHidden = true;
  return {
    recorder,
    release: () => {
      recorder.dispose();
      mixing.unsubscribe();
      if (!stage.disposed) stage.renderWhileHidden = restWhileHidden;
    },
  };
}
