/**
 * Browser-test helper: a stream as another member would receive it, through a real call.
 */
import { filter, firstValueFrom, mergeMap, type Subscription } from 'rxjs';
import { firstInto, openTestSession } from './openTestSession.ts';

/**
 * Opens two sessions on the test PeerServer, calls from one to the other with `stream`, and
 * resolves with the REMOTE stream the callee receives. Unsubscribe `owner` to hang up and
 * destroy both sessions.
 */
export async function receiveOverCall(owner: Subscription, stream: MediaStream): Promise<MediaStream> {
  const [caller, callee] = await Promise.all([openTestSession(owner), openTestSession(owner)]);
  const answered = firstInto(owner, callee.calls$.pipe(mergeMap((incoming) => incoming.answer())));
  await firstInto(owner, caller.call(callee.id ?? '', stream));
  const call = await answered;
  return firstValueFrom(call.remoteStream$.pipe(filter((remote): remote is MediaStream => remote !== null)));
}
