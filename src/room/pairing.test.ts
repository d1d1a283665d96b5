import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keepsExistingLink } from './pairing.ts';

describe('keepsExistingLink', () => {
  it('keeps the link dialed by the lower ID, whichever came first', () => {
    expect(keepsExistingLink('a', 'b')).toBe(true);
    expect(keepsExistingLink('b', 'a')).toBe(false);
  });

  // Alice and Bob each hold one link when the other arrives, in either order: they must end
  // with the same one, or the pair would have none.
  it('makes both ends of a pair keep the same one of two links (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (alice, bob) => {
        fc.pre(alice !== bob);
        // At Alice: holds the link Alice dialed, Bob's arrives. At Bob: holds Bob's, Alice's arrives.
        const aliceKeeps = keepsExistingLink(alice, bob) ? alice : bob;
        const bobKeeps = keepsExistingLink(bob, alice) ? bob : alice;
        expect(aliceKeeps).toBe(bobKeeps);
      }),
    );
  });

  it('keeps an existing link against a second one from the same dialer', () => {
    expect(keepsExistingLink('a', 'a')).toBe(true);
  });
});
