import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeWireMessage, PROTOCOL_VERSION, wire, type WireBody } from './protocol.ts';
import { RoomError, type RoomErrorReason } from './RoomError.ts';

/** Properties run thousands of cases: room for a loaded CI machine, not a timing bound. */
const PROPERTY_TIMEOUT_MS = 60_000;

const FROM = 'bob';
const KINDS = ['hello', 'proof', 'intro', 'refused', 'members', 'ping', 'bye', 'view', 'data'] as const;

/** What the other side receives: the message after JSON on the data channel. */
const overTheWire = (message: unknown): unknown => JSON.parse(JSON.stringify(message));

/** Decodes and insists on a RoomError of `reason` that names the sender. */
function expectRoomError(value: unknown, reason: RoomErrorReason): void {
  const decoded = decodeWireMessage(value, FROM);
  expect(decoded).toBeInstanceOf(RoomError);
  expect(decoded).toMatchObject({ reason, peerId: FROM });
}

/** One message of every kind, each field set (optional ones too), as a member would send it. */
const examples: readonly WireBody[] = [
  { t: 'hello', room: 'jam', nonce: 'q3Jx9-_Abc' },
  { t: 'intro', name: 'Ada', member: 'ada-member' },
  { t: 'intro' },
  { t: 'proof', proof: 'c2lnbmF0dXJl' },
  { t: 'proof', proof: '' },
  { t: 'refused', reason: 'wrong-passphrase' },
  { t: 'refused', reason: 'room-full' },
  { t: 'refused', reason: 'room-full', proof: 'c2lnbmF0dXJl' },
  { t: 'refused', reason: 'wrong-room' },
  { t: 'members', members: [{ id: 'a', name: 'Ada' }, { id: 'b' }] },
  { t: 'members', members: [] },
  { t: 'ping' },
  { t: 'bye' },
  { t: 'view', size: { width: 320, height: 240 } },
  { t: 'view' },
  { t: 'data', data: { text: 'hi', n: [1, 2, null] } },
  { t: 'data', data: 'direct hi', direct: true },
  { t: 'data', data: null, direct: false },
];

describe('decodeWireMessage: round trips', () => {
  it.each(examples.map((body) => [body.t, body] as const))('a "%s" message survives wire() + JSON + decode', (_, body) => {
    const sent = wire(body);
    expect(sent.v).toBe(PROTOCOL_VERSION);
    expect(decodeWireMessage(overTheWire(sent), FROM)).toEqual(sent);
  });

  it('covers every kind the protocol knows', () => {
    // A new kind added to the protocol should get an example here too.
    expect(new Set(examples.map((body) => body.t))).toEqual(new Set(KINDS));
  });

  it('drops fields the schema does not know instead of passing them on', () => {
    expect(decodeWireMessage({ v: PROTOCOL_VERSION, t: 'ping', extra: 'x' }, FROM)).toEqual({ v: PROTOCOL_VERSION, t: 'ping' });
  });

  it('accepts fields at their length limits', () => {
    const members = Array.from({ length: 64 }, (_, i) => ({ id: 'm'.repeat(128), name: `${i}`.padEnd(64, 'x') }));
    const messages: WireBody[] = [
      { t: 'hello', room: 'r'.repeat(256), nonce: 'c'.repeat(128) },
      { t: 'intro', name: 'n'.repeat(64), member: 'm'.repeat(128) },
      { t: 'proof', proof: 'p'.repeat(128) },
      { t: 'members', members },
      { t: 'view', size: { width: 16_384, height: 1 } },
      { t: 'view' },
    ];
    for (const body of messages) expect(decodeWireMessage(overTheWire(wire(body)), FROM)).toEqual(wire(body));
  });

  it('a data message carrying undefined survives the wire (as null or undefined)', () => {
    const decoded = decodeWireMessage(overTheWire(wire({ t: 'data', data: undefined })), FROM);
    expect(decoded).not.toBeInstanceOf(RoomError);
  });
});

describe('decodeWireMessage: refusals', () => {
  it('calls a known kind of another version unknown, not malformed', () => {
    expectRoomError({ v: PROTOCOL_VERSION + 1, t: 'ping' }, 'unknown-message');
    // Version 1 admitted only after a "welcome", version 2 dialed every link on a connection of
    // its own: their members cannot join this version's rooms.
    expectRoomError({ v: 1, t: 'ping' }, 'unknown-message');
    expectRoomError({ v: 2, t: 'ping' }, 'unknown-message');
    // Version 4 did not tell views: its members would read a "view" as a kind they do not know.
    expectRoomError({ v: 4, t: 'ping' }, 'unknown-message');
    expectRoomError({ v: 0, t: 'hello', room: 'jam', nonce: 'n' }, 'unknown-message');
    expectRoomError({ v: 1.5, t: 'bye' }, 'unknown-message');
  });

  it('calls an envelope of an unknown kind unknown-message', () => {
    expectRoomError({ v: PROTOCOL_VERSION, t: 'shout' }, 'unknown-message');
    expectRoomError({ v: PROTOCOL_VERSION, t: '' }, 'unknown-message');
    // Names on Object.prototype are no kinds either.
    expectRoomError({ v: PROTOCOL_VERSION, t: 'toString' }, 'unknown-message');
    expectRoomError({ v: PROTOCOL_VERSION, t: '__proto__' }, 'unknown-message');
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['NaN', Number.NaN],
    ['a string', '{"v":1,"t":"ping"}'],
    ['a boolean', true],
    ['an array', [1, 'ping']],
    ['an empty array', []],
    ['an empty object', {}],
    ['an ArrayBuffer', new ArrayBuffer(8)],
    ['an envelope without t', { v: PROTOCOL_VERSION }],
    ['an envelope without v', { t: 'ping' }],
    ['a string version', { v: '1', t: 'ping' }],
    ['a NaN version', { v: Number.NaN, t: 'ping' }],
    ['a numeric kind', { v: PROTOCOL_VERSION, t: 3 }],
  ])('calls %s malformed-message', (_, value) => {
    expectRoomError(value, 'malformed-message');
  });

  it.each<[string, unknown]>([
    ['a hello without room', { v: PROTOCOL_VERSION, t: 'hello', nonce: 'n' }],
    ['a hello without nonce', { v: PROTOCOL_VERSION, t: 'hello', room: 'jam' }],
    ['a hello with a numeric room', { v: PROTOCOL_VERSION, t: 'hello', room: 7, nonce: 'n' }],
    ['an intro with a null name', { v: PROTOCOL_VERSION, t: 'intro', name: null }],
    ['an intro with an empty member ID', { v: PROTOCOL_VERSION, t: 'intro', member: '' }],
    ['a refusal with a numeric proof', { v: PROTOCOL_VERSION, t: 'refused', reason: 'room-full', proof: 1 }],
    ['a hello with an object nonce', { v: PROTOCOL_VERSION, t: 'hello', room: 'jam', nonce: { n: 1 } }],
    ['a proof without proof', { v: PROTOCOL_VERSION, t: 'proof' }],
    ['a proof with a numeric proof', { v: PROTOCOL_VERSION, t: 'proof', proof: 12 }],
    ['a refusal without reason', { v: PROTOCOL_VERSION, t: 'refused' }],
    ['a view of 0 pixels', { v: PROTOCOL_VERSION, t: 'view', size: { width: 0, height: 240 } }],
    ['a view past any screen', { v: PROTOCOL_VERSION, t: 'view', size: { width: 320, height: 16_385 } }],
    ['a view of fractional pixels', { v: PROTOCOL_VERSION, t: 'view', size: { width: 320.5, height: 240 } }],
    ['a view without its height', { v: PROTOCOL_VERSION, t: 'view', size: { width: 320 } }],
    ['a view of a string size', { v: PROTOCOL_VERSION, t: 'view', size: '320x240' }],
    ['a refusal for an unknown reason', { v: PROTOCOL_VERSION, t: 'refused', reason: 'bored' }],
    ['a member list that is not an array', { v: PROTOCOL_VERSION, t: 'members', members: { id: 'a' } }],
    ['a member without an ID', { v: PROTOCOL_VERSION, t: 'members', members: [{ name: 'Ada' }] }],
    ['a member with an empty ID', { v: PROTOCOL_VERSION, t: 'members', members: [{ id: '' }] }],
    ['a member that is a string', { v: PROTOCOL_VERSION, t: 'members', members: ['a'] }],
    ['a member with a numeric name', { v: PROTOCOL_VERSION, t: 'members', members: [{ id: 'a', name: 1 }] }],
    ['a data message with a non-boolean direct flag', { v: PROTOCOL_VERSION, t: 'data', data: 1, direct: 'yes' }],
    ['a data message with a string direct', { v: PROTOCOL_VERSION, t: 'data', data: 1, direct: 'yes' }],
  ])('calls %s malformed-message', (_, value) => {
    expectRoomError(value, 'malformed-message');
  });

  it('refuses over-long fields rather than truncating them', () => {
    expectRoomError({ v: PROTOCOL_VERSION, t: 'hello', room: 'r'.repeat(257), nonce: 'n' }, 'malformed-message');
    expectRoomError({ v: PROTOCOL_VERSION, t: 'intro', name: 'n'.repeat(65) }, 'malformed-message');
    expectRoomError({ v: PROTOCOL_VERSION, t: 'intro', member: 'm'.repeat(129) }, 'malformed-message');
    expectRoomError({ v: PROTOCOL_VERSION, t: 'refused', reason: 'room-full', proof: 'p'.repeat(129) }, 'malformed-message');
    expectRoomError({ v: PROTOCOL_VERSION, t: 'hello', room: 'jam', nonce: 'c'.repeat(129) }, 'malformed-message');
    expectRoomError({ v: PROTOCOL_VERSION, t: 'proof', proof: 'p'.repeat(129) }, 'malformed-message');
    expectRoomError({ v: PROTOCOL_VERSION, t: 'members', members: [{ id: 'm'.repeat(129) }] }, 'malformed-message');
    expectRoomError({ v: PROTOCOL_VERSION, t: 'members', members: [{ id: 'a', name: 'n'.repeat(65) }] }, 'malformed-message');
  });

  it('refuses a member list longer than any room', () => {
    const members = Array.from({ length: 65 }, (_, i) => ({ id: `m${i}` }));
    expectRoomError({ v: PROTOCOL_VERSION, t: 'members', members }, 'malformed-message');
  });
});

describe('decodeWireMessage: properties', () => {
  /**
   * The decoder's promise: whatever arrives, it returns a RoomError naming the sender or a
   * message that is itself valid (decoding it again gives the same message back).
   */
  function checkDecoded(value: unknown, from: string): void {
    // Plain checks rather than expect(): this runs thousands of times per property.
    const decoded = decodeWireMessage(value, from);
    if (decoded instanceof RoomError) {
      if (decoded.peerId !== from) throw new Error(`the error names ${String(decoded.peerId)}, not ${from}`);
      if (decoded.reason !== 'malformed-message' && decoded.reason !== 'unknown-message')
        throw new Error(`unexpected reason ${decoded.reason}`);
      return;
    }
    if (decoded.v !== PROTOCOL_VERSION || !KINDS.includes(decoded.t)) throw new Error(`accepted ${fc.stringify(decoded)}`);
    expect(decodeWireMessage(decoded, from)).toEqual(decoded);
  }

  const sender = fc.string({ minLength: 1, maxLength: 20 });

  it(
    'never throws on anything at all',
    () => {
      fc.assert(
        fc.property(
          fc.anything({
            withNullPrototype: true,
            withBigInt: true,
            withDate: true,
            withMap: true,
            withSet: true,
            withTypedArray: true,
            withSparseArray: true,
          }),
          sender,
          checkDecoded,
        ),
        { numRuns: 5000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never throws on any JSON value',
    () => {
      fc.assert(fc.property(fc.jsonValue(), sender, checkDecoded), { numRuns: 5000 });
    },
    PROPERTY_TIMEOUT_MS,
  );

  /** Envelopes with plausible heads and each field present or not, right-typed or not. */
  const envelopes = fc.record(
    {
      v: fc.oneof(fc.constant(PROTOCOL_VERSION), fc.constant(PROTOCOL_VERSION), fc.integer({ min: -1, max: 3 }), fc.jsonValue()),
      t: fc.oneof(fc.constantFrom(...KINDS), fc.constantFrom(...KINDS), fc.string()),
      room: fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue()),
      name: fc.oneof(fc.string({ maxLength: 80 }), fc.jsonValue()),
      nonce: fc.oneof(fc.string({ maxLength: 140 }), fc.jsonValue()),
      proof: fc.oneof(fc.base64String({ maxLength: 140 }), fc.jsonValue()),
      reason: fc.oneof(fc.constantFrom('wrong-passphrase', 'room-full', 'wrong-room'), fc.jsonValue()),
      members: fc.oneof(
        fc.array(
          fc.record(
            { id: fc.oneof(fc.string({ maxLength: 140 }), fc.jsonValue()), name: fc.oneof(fc.string({ maxLength: 80 }), fc.jsonValue()) },
            { requiredKeys: [] },
          ),
          { maxLength: 70 },
        ),
        fc.jsonValue(),
      ),
      data: fc.jsonValue(),
      direct: fc.oneof(fc.boolean(), fc.jsonValue()),
    },
    { requiredKeys: [] },
  );

  it(
    'never throws on envelopes with random fields, and accepts the valid ones',
    () => {
      let accepted = 0;
      fc.assert(
        fc.property(envelopes, sender, (value, from) => {
          checkDecoded(value, from);
          if (!(decodeWireMessage(value, from) instanceof RoomError)) accepted += 1;
        }),
        { numRuns: 5000 },
      );
      // The generator must get past the schema often (about 15% of runs), or it tests little.
      expect(accepted).toBeGreaterThan(250);
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'decodes every well-formed message to itself',
    () => {
      const token = (maxLength: number) => fc.string({ maxLength, unit: 'binary' }).filter((text) => text.length <= maxLength);
      const bodies: fc.Arbitrary<WireBody> = fc.oneof(
        fc.record({ t: fc.constant('hello' as const), room: token(256), nonce: token(128) }),
        fc.record(
          { t: fc.constant('intro' as const), name: token(64), member: token(128).filter((id) => id.length > 0) },
          { requiredKeys: ['t'] },
        ),
        fc.record({ t: fc.constant('proof' as const), proof: token(128) }),
        fc.constantFrom<WireBody>({ t: 'ping' }, { t: 'bye' }),
        fc.record(
          {
            t: fc.constant('refused' as const),
            reason: fc.constantFrom('wrong-passphrase' as const, 'room-full' as const, 'wrong-room' as const),
            proof: token(128),
          },
          { requiredKeys: ['t', 'reason'] },
        ),
        fc.record({
          t: fc.constant('members' as const),
          members: fc.array(fc.record({ id: token(128).filter((id) => id.length > 0), name: token(64) }, { requiredKeys: ['id'] }), {
            maxLength: 64,
          }),
        }),
        fc.record({ t: fc.constant('data' as const), data: fc.jsonValue(), direct: fc.boolean() }, { requiredKeys: ['t', 'data'] }),
      );
      fc.assert(
        fc.property(bodies, (body) => {
          const sent = wire(body);
          expect(decodeWireMessage(overTheWire(sent), FROM)).toEqual(overTheWire(sent));
        }),
        { numRuns: 1000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
