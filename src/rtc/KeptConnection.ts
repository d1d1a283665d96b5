/**
 * One connection kept through lost paths (see IceRestarts.ts): as its `offerer`, it restarts
 * ICE while the path is lost; as its `answerer`, it answers those restarts. Offer, answer and
 * each candidate found after them travel as posts through the signaling server, in order, and
 * are handled here one at a time, in that order.
 *
 * Candidates trickle rather than ride in the offer or answer: measured in Chromium, a restart
 * whose ports are still there reports its gathering `complete` at once (the state of the last
 * generation) and finds its candidates only after, so an SDP taken at "complete" often had
 * none, and the restart could never connect.
 */
import {
  catchError,
  distinctUntilChanged,
  EMPTY,
  exhaustMap,
  filter,
  firstValueFrom,
  from,
  fromEvent,
  map,
  merge,
  type Observable,
  of,
  startWith,
  Subject,
  Subscription,
  switchMap,
  take,
  timeout,
  timer,
} from 'rxjs';
import type { IceRestartPolicy, RestartableConnection, RestartRole } from './IceRestarts.ts';
import type { PostOf, SignalingPost } from './signalingPost.ts';

/** Restarts in a row without an answer after which the offering side closes the connection. */
export const UNANSWERED_LIMIT = 2;
/** The share of `retryMs` a restart waits for its answer. */
const ANSWER_SHARE = 0.8;

export type Negotiation = PostOf<'restart-offer'> | PostOf<'restart-answer'> | PostOf<'restart-candidate'>;

export interface KeptConnectionContext {
  readonly post: SignalingPost;
  readonly policy: IceRestartPolicy;
  /** The ICE servers a restart gathers with, when renewed (see IceRestarts). */
  readonly iceServers?: () => readonly RTCIceServer[] | undefined;
}

export class KeptConnection {
  readonly #connection: RestartableConnection;
  readonly #pc: RTCPeerConnection;
  readonly #role: RestartRole;
  readonly #context: KeptConnectionContext;
  /** Generations of answers applied (offerer), told to the restart that waits for them. */
  readonly #answered = new Subject<number>();
  /** Restart offers heard (answerer): the offering side is still there. */
  readonly #offersHeard = new Subject<void>();
  /** Restarts in a row that no answer came to (offerer). */
  #unanswered = 0;
  readonly #owned = new Subscription();
  /** The last restart offered (offerer) or answered (answerer). */
  #generation = 0;
  /** The generation whose remote description is applied: its candidates are taken, no other. */
  #remoteGeneration = 0;
  /** This side's candidates of the current generation, posted as found. */
  #trickle = Subscription.EMPTY;
  /** Lets the current generation's candidates go, once its description is posted. */
  #releaseCandidates: () => void = () => undefined;
  /** Posts received are handled one at a time, in the order they came. */
  #inbox: Promise<void> = Promise.resolve();

  constructor(connection: RestartableConnection, role: RestartRole, context: KeptConnectionContext) {
    this.#connection = connection;
    this.#pc = connection.peerConnection;
    this.#role = role;
    this.#context = context;
    const state$ = fromEvent(this.#pc, 'iceconnectionstatechange').pipe(
      map(() => this.#pc.iceConnectionState),
      startWith(this.#pc.iceConnectionState),
    );
    // Kept from its first connected moment: before that, a failure is PeerJS's to report.
    // A connection whose ICE fails PeerJS closes, as before: measured in Chromium, a lost path
    // leaves ICE `disconnected` (20 s and more with the relay gone), while `failed` within a
    // few seconds means the other end is gone (its hang-up lost on the way).
    this.#owned.add(
      state$
        .pipe(
          filter((state) => state === 'connected' || state === 'completed'),
          take(1),
          switchMap(() => {
            const lost$ = lostStates(state$, context.policy.disconnectedGraceMs);
            return role === 'offerer' ? this.#restartsWhile(lost$) : this.#closeWhenLostTooLong(lost$);
          }),
        )
        .subscribe(),
    );
    this.#owned.add(() => this.#trickle.unsubscribe());
  }

  /** Takes a post about this connection from its remote peer. */
  receive(message: Negotiation): void {
    this.#inbox = this.#inbox.then(() => this.#handle(message)).catch(() => undefined);
  }

  dispose(): void {
    this.#owned.unsubscribe();
    this.#answered.complete();
    this.#offersHeard.complete();
  }

  async #handle(message: Negotiation): Promise<void> {
    if (this.#pc.signalingState === 'closed') return;
    if (message.kind === 'restart-offer' && this.#role === 'answerer') {
      this.#offersHeard.next();
      await this.#answer(message);
    } else if (message.kind === 'restart-answer' && this.#role === 'offerer') await this.#applyAnswer(message);
    else if (message.kind === 'restart-candidate' && message.generation === this.#remoteGeneration) {
      // A candidate the browser refuses (malformed, another generation's) is one lost
      // candidate, not a lost connection.
      await this.#pc.addIceCandidate(message.candidate).catch(() => undefined);
    }
  }

  /**
   * While lost: a restart every `retryMs`, until a path is found or it is time to give up: after
   * `giveUpAfterMs`, or after {@link UNANSWERED_LIMIT} restarts in a row that nobody answered
   * (the other side closed its end, and its hang-up never arrived: it was one packet).
   */
  #restartsWhile(lost$: Observable<boolean>): Observable<void> {
    const { retryMs, giveUpAfterMs } = this.#context.policy;
    return lost$.pipe(
      switchMap((lost) => {
        this.#unanswered = 0;
        if (!lost) return EMPTY;
        return timer(0, retryMs).pipe(
          exhaustMap((attempt) => {
            if (attempt * retryMs >= giveUpAfterMs || this.#unanswered >= UNANSWERED_LIMIT) return of(this.#connection.close());
            return from(this.#restart()).pipe(catchError(() => EMPTY));
          }),
        );
      }),
    );
  }

  /**
   * The answering side gives up when no restart comes while its path is lost (the offering side
   * closed its end: its hang-up was one packet, and lost), or after `giveUpAfterMs` however
   * many come.
   */
  #closeWhenLostTooLong(lost$: Observable<boolean>): Observable<void> {
    const { disconnectedGraceMs, retryMs, giveUpAfterMs } = this.#context.policy;
    // The offering side notices a loss about when this side does, and restarts every retryMs.
    const offerDueMs = disconnectedGraceMs + UNANSWERED_LIMIT * retryMs;
    const close = () => this.#connection.close();
    return lost$.pipe(
      switchMap((lost) =>
        lost
          ? merge(
              timer(giveUpAfterMs),
              this.#offersHeard.pipe(
                startWith(undefined),
                switchMap(() => timer(offerDueMs)),
              ),
            ).pipe(take(1), map(close))
          : EMPTY,
      ),
    );
  }

  /** One restart: an ICE-restart offer posted, its answer awaited (applied by `#applyAnswer`). */
  async #restart(): Promise<void> {
    const pc = this.#pc;
    if (pc.signalingState === 'closed') return;
    // An offer whose answer never came is taken back before the next.
    if (pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
    this.#generation += 1;
    const generation = this.#generation;
    this.#prepareGathering(generation);
    await pc.setLocalDescription(await pc.createOffer({ iceRestart: true }));
    // Waited for less than a retry's time, so that the next restart is not skipped.
    const answered = firstValueFrom(
      this.#answered.pipe(
        filter((each) => each === generation),
        timeout(ANSWER_SHARE * this.#context.policy.retryMs),
      ),
    );
    this.#postDescription('restart-offer', generation);
    this.#unanswered += 1;
    await answered;
    this.#unanswered = 0;
  }

  async #applyAnswer(answer: PostOf<'restart-answer'>): Promise<void> {
    if (answer.generation !== this.#generation || this.#pc.signalingState !== 'have-local-offer') return;
    await this.#pc.setRemoteDescription({ type: 'answer', sdp: answer.sdp });
    this.#remoteGeneration = answer.generation;
    this.#answered.next(answer.generation);
  }

  /** Answers a restart offer newer than the last: same media, new ICE. */
  async #answer(offer: PostOf<'restart-offer'>): Promise<void> {
    const pc = this.#pc;
    if (offer.generation <= this.#remoteGeneration || pc.signalingState !== 'stable') return;
    // A restart changes the path, nothing else: an offer that adds, drops or renames media is
    // a renegotiation nobody asked for.
    if (!sameMedia(pc.remoteDescription?.sdp, offer.sdp)) return;
    this.#prepareGathering(offer.generation);
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.sdp });
    this.#remoteGeneration = this.#generation = offer.generation;
    await pc.setLocalDescription(await pc.createAnswer());
    this.#postDescription('restart-answer', offer.generation);
  }

  /**
   * Before generation `generation` gathers: renewed ICE servers in, the last generation's
   * trickle out, and this one's started, its candidates held until its description is posted
   * (the browser may find one before `setLocalDescription` resolves). PeerJS's own trickle goes
   * too: it would send them to the connection the other side knows by the credentials of
   * before, whose PeerJS would report the mismatch as an error.
   */
  #prepareGathering(generation: number): void {
    this.#trickle.unsubscribe();
    this.#pc.onicecandidate = null;
    const iceServers = this.#context.iceServers?.();
    if (iceServers) {
      try {
        this.#pc.setConfiguration({ ...this.#pc.getConfiguration(), iceServers: [...iceServers] });
      } catch {
        // Servers this browser cannot take: the restart gathers with the ones it has.
      }
    }
    const { connectionId, peer } = this.#connection;
    const send = (candidate: RTCIceCandidate) =>
      this.#context.post.send(peer, {
        kind: 'restart-candidate',
        connectionId,
        generation,
        candidate: {
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
          usernameFragment: candidate.usernameFragment,
        },
      });
    const held: RTCIceCandidate[] = [];
    let described = false;
    this.#releaseCandidates = () => {
      described = true;
      held.splice(0).forEach(send);
    };
    this.#trickle = fromEvent<RTCPeerConnectionIceEvent>(this.#pc, 'icecandidate').subscribe(({ candidate }) => {
      if (!candidate?.candidate) return;
      if (described) send(candidate);
      else held.push(candidate);
    });
  }

  /** Posts this side's description of `generation`, then lets its candidates follow. */
  #postDescription(kind: 'restart-offer' | 'restart-answer', generation: number): void {
    const sdp = this.#pc.localDescription?.sdp;
    if (!sdp) return;
    const { connectionId, peer } = this.#connection;
    this.#context.post.send(peer, { kind, connectionId, generation, sdp });
    this.#releaseCandidates();
  }
}

/** `true` once ICE is disconnected past `graceMs`; `false` once connected again. */
function lostStates(state$: Observable<RTCIceConnectionState>, graceMs: number): Observable<boolean> {
  return state$.pipe(
    switchMap((state) => {
      if (state === 'disconnected') return timer(graceMs).pipe(map(() => true));
      // `checking` (a restart under way) changes nothing: still lost, or still not.
      if (state === 'checking' || state === 'new') return EMPTY;
      return of(false);
    }),
    distinctUntilChanged(),
  );
}

/** The media sections of an SDP, kind and mid each, in order. */
function mediaSections(sdp: string): string[] {
  const sections: string[] = [];
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) sections.push(line.slice(2).split(' ')[0] ?? '');
    else if (line.startsWith('a=mid:') && sections.length > 0) sections[sections.length - 1] += `#${line.slice(6)}`;
  }
  return sections;
}

/** Whether `offered` has the same media sections as `current`. */
function sameMedia(current: string | undefined, offered: string): boolean {
  if (!current) return false;
  const before = mediaSections(current);
  const after = mediaSections(offered);
  return before.length === after.length && before.every((section, index) => section === after[index]);
}
