/**
 * What the mixed-browser spec injects into each member's page before the page's own scripts
 * run: a record of every RTCPeerConnection, so the spec can read what actually arrived —
 * video frames decoded, audio packets received — and by which route, in Chromium and Firefox
 * alike (both fill the standard `inbound-rtp` and `candidate-pair` stats).
 *
 * Both functions are serialised into the page (Playwright's `addInitScript` and `evaluate`,
 * Puppeteer's `evaluateOnNewDocument` and `evaluate`), so they must not close over anything;
 * and this file is Node code to the type checker (no DOM library), so the few browser shapes
 * they touch are declared inside them.
 */

/** What one page has received from everyone, summed over its peer connections. */
export interface InboundMedia {
  /** `framesDecoded` of every inbound video stream. */
  readonly videoFramesDecoded: number;
  /** `packetsReceived` of every inbound audio stream. */
  readonly audioPacketsReceived: number;
  /** Connections not closed: data links and calls alike. */
  readonly openConnections: number;
  /** The candidate pair each open connection uses, `local → remote` (for failure reports). */
  readonly routes: readonly string[];
}

/** Installs the probe at `globalThis.__mediaProbe`; runs in the page, before its scripts. */
export function installMediaProbe(): void {
  interface PeerConnection {
    readonly signalingState: string;
  }
  const page = globalThis as unknown as Record<string, unknown> & {
    RTCPeerConnection?: new (...args: never[]) => PeerConnection;
  };
  const Original = page.RTCPeerConnection;
  if (!Original) return;
  const made: PeerConnection[] = [];
  // PeerJS makes its connections with the global constructor at call time.
  page.RTCPeerConnection = class extends Original {
    constructor(...args: never[]) {
      super(...args);
      made.push(this);
    }
  };
  page.__mediaProbe = { made };
}

/** Reads the probe's connections' stats; runs in the page (`page.evaluate(readInboundMedia)`). */
export async function readInboundMedia(): Promise<InboundMedia> {
  interface Stat {
    readonly type: string;
    readonly id: string;
    readonly kind?: string;
    readonly framesDecoded?: number;
    readonly packetsReceived?: number;
    /** Firefox's mark of the pair in use. */
    readonly selected?: boolean;
    /** Chromium's pointer to the pair in use, on the `transport` stat. */
    readonly selectedCandidatePairId?: string;
    readonly localCandidateId?: string;
    readonly remoteCandidateId?: string;
    readonly address?: string;
    readonly port?: number;
    readonly candidateType?: string;
  }
  interface PeerConnection {
    readonly signalingState: string;
    getStats(): Promise<{ forEach(each: (stat: Stat) => void): void }>;
  }
  const probe = (globalThis as unknown as { __mediaProbe?: { made: PeerConnection[] } }).__mediaProbe;
  if (!probe) throw new Error('the media probe was not installed before the page ran');
  let videoFramesDecoded = 0;
  let audioPacketsReceived = 0;
  const routes: string[] = [];
  const open = probe.made.filter((pc) => pc.signalingState !== 'closed');
  for (const pc of open) {
    const stats = new Map<string, Stat>();
    (await pc.getStats()).forEach((stat) => {
      stats.set(stat.id, stat);
    });
    // Chromium names the pair in use on its transport and nominates several; Firefox marks it.
    const inUse = new Set<string>();
    for (const stat of stats.values()) {
      if (stat.type === 'inbound-rtp' && stat.kind === 'video') videoFramesDecoded += stat.framesDecoded ?? 0;
      if (stat.type === 'inbound-rtp' && stat.kind === 'audio') audioPacketsReceived += stat.packetsReceived ?? 0;
      if (stat.type === 'transport' && stat.selectedCandidatePairId) inUse.add(stat.selectedCandidatePairId);
      if (stat.type === 'candidate-pair' && stat.selected) inUse.add(stat.id);
    }
    const end = (id: string | undefined) => {
      const candidate = id === undefined ? undefined : stats.get(id);
      return candidate ? `${candidate.address}:${candidate.port} (${candidate.candidateType})` : '?';
    };
    for (const id of inUse) {
      const pair = stats.get(id);
      if (pair) routes.push(`${end(pair.localCandidateId)} → ${end(pair.remoteCandidateId)}`);
    }
  }
  return { videoFramesDecoded, audioPacketsReceived, openConnections: open.length, routes };
}
