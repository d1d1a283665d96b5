/**
 * The network stack's own sign of life, on a real connection. That it grows once the other
 * side is gone is shown end to end: e2e/rooms.spec.ts closes a page and sees it dropped.
 */
import { Subscription } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { firstInto, openTestSession } from '../testing/openTestSession.ts';
import { msSinceTransportHeard } from './msSinceTransportHeard.ts';

let owner = new Subscription();
afterEach(() => {
  owner.unsubscribe();
  owner = new Subscription();
});

describe('msSinceTransportHeard', () => {
  it('stays small while the other side is there, and is undefined once closed', async () => {
    const [alice, bob] = await Promise.all([openTestSession(owner), openTestSession(owner)]);
    const atBob = firstInto(owner, bob.connections$);
    const channel = await firstInto(owner, alice.connect(bob.id ?? ''));
    await atBob;

    // Alive: Bob's side acknowledges each ping at the transport, whatever his page does.
    for (let i = 0; i < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await channel.send('ping');
      const quietMs = await msSinceTransportHeard(channel.peerConnection);
      expect(quietMs).toBeDefined();
      expect(quietMs).toBeLessThan(2_500);
    }

    channel.peerConnection.close();
    expect(await msSinceTransportHeard(channel.peerConnection)).toBeUndefined();
  });
});
