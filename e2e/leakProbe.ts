/**
 * What the teardown test injects into the Storybook preview before any of its scripts run: a
 * record of every RTCPeerConnection, MediaStreamTrack and WebGL context the page makes, each
 * tagged with the story that was current when it was made, so the test can ask which of them
 * are still open after their story was left.
 *
 * The function is serialised into the page (Playwright's `addInitScript`), so it must not close
 * over anything; and this file is Node code to the type checker (no DOM library), so the few
 * browser shapes it touches are declared here.
 */

/** What the probe reports of one resource still open. */
export interface LiveResource {
  readonly kind: 'peer connection' | 'track' | 'WebGL context';
  /** The story that was current when it was made. */
  readonly story: string;
  readonly detail: string;
}

/** The probe's face in the page, at `globalThis.__leakProbe`. */
export interface LeakProbe {
  /** The story the test is about to show; what is made from now on is tagged with it. */
  story: string;
  /** What is still open, of everything made while another story than `current` was shown. */
  liveExcept(current: string): LiveResource[];
  /** How many of each kind were made, by story: proof that the probe saw them at all. */
  made(): Record<string, Record<LiveResource['kind'], number>>;
}

export const PROBE_GLOBAL = '__leakProbe';

/** Installs the probe; runs in the page. */
export function installLeakProbe(): void {
  type Kind = LiveResource['kind'];
  interface Entry {
    readonly kind: Kind;
    readonly story: string;
    readonly detail: string;
    isLive(): boolean;
  }
  interface Track {
    readonly kind: string;
    readonly label: string;
    readonly readyState: string;
    clone(): Track;
  }
  interface Stream {
    getTracks(): Track[];
    addEventListener(type: 'addtrack', listener: (event: { track: Track }) => void): void;
  }
  interface PeerConnection {
    readonly signalingState: string;
    addEventListener(type: 'track', listener: (event: { track: Track }) => void): void;
  }
  interface GlContext {
    isContextLost(): boolean;
  }
  type Ctor<T> = new (...args: never[]) => T;
  type Method<T> = (this: unknown, ...args: never[]) => T;
  interface Prototypes {
    RTCPeerConnection?: Ctor<PeerConnection>;
    MediaStreamAudioDestinationNode?: Ctor<{ readonly stream: Stream }>;
    MediaStreamTrack?: { prototype: { clone: Method<Track> } };
    MediaStream?: { prototype: { clone: Method<Stream> } };
    MediaDevices?: { prototype: Record<'getUserMedia' | 'getDisplayMedia', Method<Promise<Stream>> | undefined> };
    HTMLCanvasElement?: { prototype: { captureStream?: Method<Stream>; getContext: Method<unknown> } };
    OffscreenCanvas?: { prototype: { getContext: Method<unknown> } };
    HTMLMediaElement?: { prototype: { captureStream?: Method<Stream> } };
    AudioContext?: { prototype: { createMediaStreamDestination?: Method<{ readonly stream: Stream }> } };
  }

  const page = globalThis as unknown as Prototypes & Record<string, unknown>;
  const entries: Entry[] = [];
  const seen = new WeakSet<object>();
  const probe: LeakProbe = {
    story: '(page load)',
    liveExcept: (current) =>
      entries.filter((entry) => entry.story !== current && entry.isLive()).map(({ kind, story, detail }) => ({ kind, story, detail })),
    made: () => {
      const counts: Record<string, Record<Kind, number>> = {};
      for (const { story, kind } of entries) {
        counts[story] ??= { 'peer connection': 0, track: 0, 'WebGL context': 0 };
        counts[story][kind] += 1;
      }
      return counts;
    },
  };
  page.__leakProbe = probe;

  const note = (kind: Kind, resource: object, detail: string, isLive: () => boolean) => {
    if (seen.has(resource)) return;
    seen.add(resource);
    entries.push({ kind, story: probe.story, detail, isLive });
  };
  const noteTrack = (track: Track, how: string) =>
    note('track', track, `${track.kind} track (${how}) ${track.label}`.trim(), () => track.readyState === 'live');
  const noteStream = (stream: Stream, how: string) => {
    for (const track of stream.getTracks()) noteTrack(track, how);
    stream.addEventListener('addtrack', ({ track }) => noteTrack(track, how));
    return stream;
  };
  /** Replaces `owner[name]` with a wrapper that sees each result. */
  const wrap = <T>(owner: Record<string, unknown> | undefined, name: string, seeResult: (result: T) => void) => {
    const original = owner?.[name];
    if (!owner || typeof original !== 'function') return;
    owner[name] = function (this: unknown, ...args: unknown[]) {
      const result = (original as (...rest: unknown[]) => T).apply(this, args);
      seeResult(result);
      return result;
    };
  };
  const proto = (candidate: { prototype: object } | undefined) => candidate?.prototype as Record<string, unknown> | undefined;

  // Peer connections: PeerJS makes them with the global constructor.
  const Pc = page.RTCPeerConnection;
  if (Pc) {
    page.RTCPeerConnection = class extends Pc {
      constructor(...args: never[]) {
        super(...args);
        const pc = this as unknown as PeerConnection;
        note('peer connection', pc, 'RTCPeerConnection', () => pc.signalingState !== 'closed');
        // Remote tracks end when their connection closes; a live one means it did not.
        pc.addEventListener('track', ({ track }) => noteTrack(track, 'remote'));
      }
    } as unknown as Ctor<PeerConnection>;
  }
  // Tracks: every way a page makes one.
  wrap<Promise<Stream>>(
    proto(page.MediaDevices),
    'getUserMedia',
    (result) =>
      void result.then(
        (s) => noteStream(s, 'getUserMedia'),
        () => undefined,
      ),
  );
  wrap<Promise<Stream>>(
    proto(page.MediaDevices),
    'getDisplayMedia',
    (result) =>
      void result.then(
        (s) => noteStream(s, 'getDisplayMedia'),
        () => undefined,
      ),
  );
  wrap<Stream>(proto(page.HTMLCanvasElement), 'captureStream', (stream) => noteStream(stream, 'canvas.captureStream'));
  wrap<Stream>(proto(page.HTMLMediaElement), 'captureStream', (stream) => noteStream(stream, 'media.captureStream'));
  wrap<{ readonly stream: Stream }>(proto(page.AudioContext), 'createMediaStreamDestination', (node) =>
    noteStream(node.stream, 'createMediaStreamDestination'),
  );
  wrap<Track>(proto(page.MediaStreamTrack), 'clone', (track) => noteTrack(track, 'clone'));
  wrap<Stream>(proto(page.MediaStream), 'clone', (stream) => noteStream(stream, 'clone'));
  const Destination = page.MediaStreamAudioDestinationNode;
  if (Destination) {
    page.MediaStreamAudioDestinationNode = class extends Destination {
      constructor(...args: never[]) {
        super(...args);
        noteStream(this.stream, 'MediaStreamAudioDestinationNode');
      }
    };
  }
  // WebGL contexts: live until lost (three's forceContextLoss, or the browser's own limit).
  const noteGl = (type: unknown) => (context: unknown) => {
    if (context && typeof type === 'string' && type.includes('webgl')) {
      const gl = context as GlContext;
      note('WebGL context', gl, type, () => !gl.isContextLost());
    }
  };
  for (const canvas of [proto(page.HTMLCanvasElement), proto(page.OffscreenCanvas)]) {
    const original = canvas?.getContext;
    if (!canvas || typeof original !== 'function') continue;
    canvas.getContext = function (this: unknown, type: unknown, ...rest: unknown[]) {
      const context: unknown = (original as (...args: unknown[]) => unknown).call(this, type, ...rest);
      noteGl(type)(context);
      return context;
    };
  }
}
