/**
 * The rig of the peerSession browser tests (src/rtc/peerSession.*.browser.test.ts): sessions and
 * synthetic streams owned by the test under way, released after it.
 */
import { Subscription } from 'rxjs';
import { createSyntheticStream } from '../media/createSyntheticStream.ts';
import { firstInto, openTestSession } from './openTestSession.ts';
import type { DataChannel } from '../rtc/DataChannel.ts';

export let owner = new Subscription();
export const localStreams: MediaStream[] = [];
/** Ends what the test under way owned and stops its streams: each test file runs it after each test. */
export function releaseAll(): void {
  owner.unsubscribe();
  owner = new Subscription();
  for (const track of localStreams.splice(0).flatMap((stream) => stream.getTracks())) track.stop();
}

export function syntheticStream(label: string, frequency: number): MediaStream {
  const stream = createSyntheticStream({ label, frequency, width: 160, height: 120 });
  localStreams.push(stream);
  return stream;
}

/** Alice dials Bob; resolves with both ends of the channel. */
export async function connectedPair(): Promise<{ alice: DataChannel; bob: DataChannel }> {
  const [aliceSession, bobSession] = await Promise.all([openTestSession(owner), openTestSession(owner)]);
  const incoming = firstInto(owner, bobSession.connections$);
  const alice = await firstInto(owner, aliceSession.connect(bobSession.id ?? ''));
  return { alice, bob: await incoming };
}
