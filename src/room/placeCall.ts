/**
 * Placing one call of a room member: with what it shares, gated (see gatedStream.ts), within
 * the uplink budget, and carrying the member's link when asked to.
 */
import { type Observable, ReplaySubject, Subscription, switchMap, tap } from 'rxjs';
import type { DataChannel } from '../rtc/DataChannel.ts';
import { ConnectionError } from '../rtc/errors.ts';
import type { PeerSession } from '../rtc/PeerSession.ts';
import type { GatedStream } from './gatedStream.ts';
import type { UplinkBudget } from './UplinkBudget.ts';

export interface PlaceCallOptions {
  readonly roomId: string;
  /** The label of the room's links, for the channel a call carries. */
  readonly linkLabel: string;
  /** Whether the call carries the caller's link to the member (see MemberCalls' `linkCall`). */
  readonly carriesLink: boolean;
  /** The budget the call's sending shares. */
  readonly uplink?: UplinkBudget;
}

/** A call placed: unsubscribing `subscription` hangs it up. */
export interface PlacedCall {
  readonly subscription: Subscription;
  /**
   * The channel the call carries, once open; errors if the call fails or ends before. A call
   * carrying nothing never emits.
   */
  readonly channel$: Observable<DataChannel>;
}

/**
 * Calls `remoteId` with `gated`'s stream. The call lives as long as the channel it carries,
 * and stops `gated` when it ends.
 *
 * @example
 * ```ts
 * import { gatedStream } from './gatedStream.ts';
 * declare const shared: MediaStream;
 * const call = placeCall(session, 'bo', gatedStream(shared), { roomId: 'jam', linkLabel: 'peerstage-room', carriesLink: true });
 * call.channel$.subscribe((channel) => console.log('link open to', channel.remoteId));
 * ```
 */
export function placeCall(session: PeerSession, remoteId: string, gated: GatedStream, options: PlaceCallOptions): PlacedCall {
  const { roomId, linkLabel, carriesLink, uplink } = options;
  const channel$ = new ReplaySubject<DataChannel>(1);
  const placed = new Subscription();
  placed.add(
    session
      .call(
        remoteId,
        gated.stream,
        carriesLink ? { metadata: { room: roomId, link: true }, channel: linkLabel } : { metadata: { room: roomId } },
      )
      .pipe(
        tap((call) => {
          gated.attach(call);
          if (uplink) placed.add(uplink.add(call));
        }),
        switchMap((call) => call.channel$),
      )
      .subscribe({
        next: (channel) => {
          // The call lives as long as the link it carries.
          placed.add(channel.closed$.subscribe(() => placed.unsubscribe()));
          channel$.next(channel);
          channel$.complete();
        },
        error: (error: unknown) => {
          channel$.error(error);
          placed.unsubscribe();
        },
        // The call ended.
        complete: () => placed.unsubscribe(),
      }),
  );
  placed.add(() => {
    gated.stop();
    // Nothing once the channel opened: a call that ends before that never brings the link.
    channel$.error(new ConnectionError('closed', remoteId, `the call to ${remoteId} ended before its link opened`));
  });
  return { subscription: placed, channel$ };
}
