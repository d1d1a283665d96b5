import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { janusPin, janusRoomNumber } from './janusRoomIdentity.ts';

/** Properties hash many names: room for a loaded CI machine, not a timing bound. */
const PROPERTY_TIMEOUT_MS = 60_000;

describe('janusRoomNumber', () => {
  it('gives known values (the first 13 hex digits of SHA-256 of "peerstage:" + the UTF-8 name)', async () => {
    // Worked out apart from the code: node -e 'crypto.createHash("sha256").update("peerstage:jam").digest("hex").slice(0, 13)'
    expect(await janusRoomNumber('jam')).toBe(0xa30972bd35ce6);
    expect(await janusRoomNumber('Jam')).toBe(0xe6e2a1b2c3ca7);
    expect(await janusRoomNumber('jam 🎷')).toBe(0x4159599861586);
  });

  it(
    'is a safe integer from 1 below 2^52, the same for the same name',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ minLength: 1, maxLength: 256, unit: 'grapheme' }), async (name) => {
          const number = await janusRoomNumber(name);
          expect(Number.isSafeInteger(number)).toBe(true);
          expect(number).toBeGreaterThan(0);
          expect(number).toBeLessThan(2 ** 52);
          expect(await janusRoomNumber(name)).toBe(number);
        }),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'gives distinct rooms distinct numbers',
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.uniqueArray(fc.string({ minLength: 1, maxLength: 64, unit: 'grapheme' }), { minLength: 2, maxLength: 20 }),
          async (names) => {
            const numbers = await Promise.all(names.map((name) => janusRoomNumber(name)));
            expect(new Set(numbers).size).toBe(names.length);
          },
        ),
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it('throws for a name no room may have', async () => {
    await expect(janusRoomNumber('')).rejects.toThrow(TypeError);
    await expect(janusRoomNumber('\uD800')).rejects.toThrow(TypeError);
    await expect(janusRoomNumber('r'.repeat(257))).rejects.toThrow(RangeError);
    await expect(janusRoomNumber('r'.repeat(256))).resolves.toBeGreaterThan(0);
  });
});

describe('janusPin', () => {
  // Each pin costs 600 000 PBKDF2 rounds: a handful of cases, no property.
  it('gives a known value (PBKDF2-SHA-256, salt "peerstage-janus:" + room, base64url)', async () => {
    // node -e 'crypto.pbkdf2Sync("open sesame", "peerstage-janus:jam", 600000, 32, "sha256").toString("base64url")'
    expect(await janusPin('jam', 'open sesame')).toBe('KljNa_Pxp2kw8xz6pLSXFEZnp1hD65IRpiZI1jJ3zzE');
  });

  it('gives the same pin for the same room and passphrase, another for another room', async () => {
    const [first, again, otherRoom] = await Promise.all([
      janusPin('jam', 'open sesame'),
      janusPin('jam', 'open sesame'),
      janusPin('jam2', 'open sesame'),
    ]);
    expect(again).toBe(first);
    expect(otherRoom).toBe('nkJO4hT-Bow9f4ccpFTT_Q92bI0sqNtbN8VwqgipP0w');
    expect(otherRoom).not.toBe(first);
  });

  it('never contains the passphrase, however short or pin-like it is', async () => {
    for (const passphrase of ['a', 'K', '-', 'open sesame', 'KljNa_Pxp2kw8xz6pLSXFEZnp1hD65IRpiZI1jJ3zzE']) {
      const pin = await janusPin('jam', passphrase);
      expect(pin).toMatch(/^[A-Za-z0-9_-]{43}$/);
      // A one-character passphrase can turn up in 43 random characters by chance; it is not the pin itself.
      if (passphrase.length > 1) expect(pin).not.toContain(passphrase);
      expect(pin).not.toBe(passphrase);
    }
  });

  it('is null without a passphrase, and still checks the room name', async () => {
    expect(await janusPin('jam', undefined)).toBeNull();
    expect(await janusPin('jam', '')).toBeNull();
    await expect(janusPin('', 'open sesame')).rejects.toThrow(TypeError);
  });
});
