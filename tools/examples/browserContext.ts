/**
 * What the examples in the browser code's docs use without declaring it: the things a reader of
 * an example already has in hand — the room they are in, a member of it, a stream, a stage.
 * tools/checkExamples.ts imports these into every example; nothing here runs.
 *
 * A name here means one thing in every example. Anything else an example needs, it declares
 * itself (`declare const post: SignalingPost;`), where the reader sees it.
 */
import type { Peer } from 'peerjs';
import type { AudioMixer } from '../../src/audio/index.ts';
import type { AudioFrame, RecordingMeta, RemotePeer, Room, Stage, StageRecorder } from '../../src/index.ts';
import type { RecordingStore } from '../../src/record/index.ts';
import type { Call, DataChannel, PeerSession } from '../../src/rtc/index.ts';
import type { DirectoryDesk } from '../../src/room/DirectoryDesk.ts';
import type { DirectorySearch } from '../../src/room/DirectorySearch.ts';
import type { MemberCalls } from '../../src/room/MemberCalls.ts';
import type { MemberLink } from '../../src/room/MemberLink.ts';
import type { MemberRecord } from '../../src/room/MemberRecord.ts';
import type { UplinkBudget } from '../../src/room/UplinkBudget.ts';

/** The room the reader joined, and one member of it. */
export declare const room: Room;
export declare const peer: RemotePeer;
/** Inside a room (its own examples): the record and link of one member, and the parts that serve all links. */
export declare const record: MemberRecord;
export declare const link: MemberLink;
export declare const calls: MemberCalls;
export declare const budget: UplinkBudget;
export declare const desk: DirectoryDesk;
export declare const search: DirectorySearch;
/** The lower layer: a registered session, a connection and a call it made. */
export declare const session: PeerSession;
export declare const channel: DataChannel;
export declare const call: Call;
/** Under those (the rtc layer's own examples): the PeerJS peer, and a connection's RTCDataChannel. */
export declare const peerJs: Peer;
export declare const dataChannel: RTCDataChannel;
/** Media, and the page's elements it is shown in. */
export declare const stream: MediaStream;
export declare const video: HTMLVideoElement;
export declare const canvas: HTMLCanvasElement;
export declare const container: HTMLElement;
/** A file the reader picked. */
export declare const file: File;
/** One reading of an analysed stream, and a mix of several. */
export declare const frame: AudioFrame;
export declare const mixer: AudioMixer;
/** A stage, a recorder of it, and the recordings the page keeps. */
export declare const stage: Stage;
export declare const recorder: StageRecorder;
export declare const store: RecordingStore;
export declare const meta: RecordingMeta;
