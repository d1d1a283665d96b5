/**
 * The rig of the Handshake tests (src/room/Handshake.*.test.ts): two sides of a handshake wired
 * to each other, and the outcomes they may reach.
 */
import type { AdmissionKey } from '../room/admission.ts';
import type { DtlsFingerprints } from '../rtc/dtlsFingerprints.ts';
import { Handshake, type HandshakeContext, type HandshakeOutcome } from '../room/Handshake.ts';
import { decodeWireMessage, wire, type RefusalReason, type WireBody, type WireMessage } from '../room/protocol.ts';
import { RoomError } from '../room/RoomError.ts';

/** Properties run thousands of cases: room for a loaded CI machine, not a timing bound. */
export const PROPERTY_TIMEOUT_MS = 60_000;

export const ADA = 'ada-id';
export const BOB = 'bob-id';

export interface Side {
  readonly handshake: Handshake;
  /** What the other side sent this one and it has not read yet, in order. */
  readonly inbox: WireMessage[];
  /** Everything this side sent, for inspection. */
  readonly sent: WireBody[];
}

export interface SideOptions {
  readonly roomId?: string;
  readonly name?: string;
  readonly key?: AdmissionKey;
  readonly refusal?: () => RefusalReason | null;
  readonly memberId?: string;
  /** The certificates this side's connection states: by default what the other side's states too. */
  readonly fingerprints?: DtlsFingerprints;
}

/** Ada's and Bob's certificates on a link nobody sits in the middle of. */
export const ADA_CERT = 'sha-256 AA:01';
export const BOB_CERT = 'sha-256 BB:02';

/**
 * Two handshakes joined by two in-order mailboxes, each message passed through JSON and the
 * decoder as the data channel would pass it. Ada dialed Bob.
 */
export function pair(ada: SideOptions, bob: SideOptions): { readonly ada: Side; readonly bob: Side } {
  const make = (
    selfId: string,
    remoteId: string,
    dialed: boolean,
    fingerprints: DtlsFingerprints,
    options: SideOptions,
    outbox: () => WireMessage[],
  ): Side => {
    const sent: WireBody[] = [];
    const context: HandshakeContext = {
      roomId: options.roomId ?? 'jam',
      selfId,
      remoteId,
      name: options.name,
      dialed,
      key: options.key ?? null,
      fingerprints: () => options.fingerprints ?? fingerprints,
      refusal: options.refusal ?? (() => null),
      memberId: options.memberId,
    };
    const handshake = new Handshake(context, (message) => {
      sent.push(message);
      const decoded = decodeWireMessage(JSON.parse(JSON.stringify(wire(message))), selfId);
      if (decoded instanceof RoomError) throw decoded;
      outbox().push(decoded);
    });
    return { handshake, inbox: [], sent };
  };
  const sides: { ada?: Side; bob?: Side } = {};
  sides.ada = make(ADA, BOB, true, { local: ADA_CERT, remote: BOB_CERT }, ada, () => sides.bob?.inbox ?? []);
  sides.bob = make(BOB, ADA, false, { local: BOB_CERT, remote: ADA_CERT }, bob, () => sides.ada?.inbox ?? []);
  return { ada: sides.ada, bob: sides.bob };
}

/**
 * Starts both sides and delivers until both mailboxes are empty, awaiting each `receive` as a
 * link does. `choices` picks which side reads next when both have mail (true: Ada), so a
 * property can try every interleaving the network could produce; by default they alternate.
 */
export async function run(sides: { readonly ada: Side; readonly bob: Side }, choices: readonly boolean[] = []): Promise<void> {
  sides.ada.handshake.start();
  sides.bob.handshake.start();
  let step = 0;
  while (sides.ada.inbox.length > 0 || sides.bob.inbox.length > 0) {
    const adaNext = sides.bob.inbox.length === 0 || (sides.ada.inbox.length > 0 && (choices[step] ?? step % 2 === 0));
    step += 1;
    const side = adaNext ? sides.ada : sides.bob;
    const message = side.inbox.shift();
    if (message) await side.handshake.receive(message);
  }
}

export const refused = (reason: RefusalReason, byUs: boolean, proven = byUs): HandshakeOutcome => ({
  type: 'refused',
  reason,
  byUs,
  proven,
});
export const admitted = (name: string | undefined, member?: string): HandshakeOutcome => ({ type: 'admitted', name, member });
