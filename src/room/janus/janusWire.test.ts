import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RoomError, type RoomErrorReason } from '../RoomError.ts';
import { decodeJanusFrame, type JanusMessage, MAX_JANUS_FRAME_LENGTH } from './janusWire.ts';

/** Properties run thousands of cases: room for a loaded CI machine, not a timing bound. */
const PROPERTY_TIMEOUT_MS = 60_000;

const KINDS = ['success', 'error', 'ack', 'event', 'webrtcup', 'hangup', 'media', 'slowlink', 'detached', 'timeout'] as const;

function expectRefusal(frame: unknown, reason: RoomErrorReason): void {
  const decoded = decodeJanusFrame(frame);
  expect(decoded).toBeInstanceOf(RoomError);
  expect(decoded).toMatchObject({ reason, peerId: undefined });
}

/** One message of each kind, as Janus 1.1.2 sent them in the spike (docs/janus-notes.md). */
const examples: readonly JanusMessage[] = [
  { janus: 'success', transaction: 't1', data: { id: 4_418_229_313_155_020 } },
  { janus: 'success', transaction: 't2', session_id: 12, data: { id: 34 } },
  {
    janus: 'success',
    transaction: 't3',
    session_id: 12,
    sender: 34,
    plugindata: { plugin: 'janus.plugin.videoroom', data: { videoroom: 'created', room: 1234, permanent: false } },
  },
  { janus: 'error', transaction: 't4', error: { code: 458, reason: 'No such session 12' } },
  { janus: 'error', error: { code: 454, reason: 'JSON error' } },
  { janus: 'ack', transaction: 't5', session_id: 12 },
  { janus: 'ack', transaction: 't6', session_id: 12, hint: 'I am working on it' },
  {
    janus: 'event',
    transaction: 't7',
    session_id: 12,
    sender: 34,
    plugindata: { plugin: 'janus.plugin.videoroom', data: { videoroom: 'joined', room: 1234, id: 56, publishers: [] } },
  },
  {
    janus: 'event',
    session_id: 12,
    sender: 34,
    plugindata: { plugin: 'janus.plugin.videoroom', data: { videoroom: 'attached', room: 1234 } },
    jsep: { type: 'offer', sdp: 'v=0\r\n' },
  },
  { janus: 'webrtcup', session_id: 12, sender: 34 },
  { janus: 'hangup', session_id: 12, sender: 34, reason: 'DTLS alert' },
  { janus: 'media', session_id: 12, sender: 34, type: 'video', receiving: true, mid: '1' },
  { janus: 'slowlink', session_id: 12, sender: 34, uplink: false, media: 'video', mid: '1', lost: 7 },
  { janus: 'detached', session_id: 12, sender: 34 },
  { janus: 'timeout', session_id: 12 },
];

describe('decodeJanusFrame: good frames', () => {
  it.each(examples.map((message) => [message.janus, message] as const))('decodes a "%s" frame', (_, message) => {
    expect(decodeJanusFrame(JSON.stringify(message))).toEqual(message);
  });

  it('covers every kind it reads', () => {
    expect(new Set(examples.map((message) => message.janus))).toEqual(new Set(KINDS));
  });

  it('drops fields it does not read instead of passing them on', () => {
    const frame = JSON.stringify({ janus: 'webrtcup', session_id: 12, sender: 34, extra: { deep: [1] } });
    expect(decodeJanusFrame(frame)).toEqual({ janus: 'webrtcup', session_id: 12, sender: 34 });
  });

  it('takes a frame at the length limit', () => {
    const head = JSON.stringify({ janus: 'hangup', sender: 34, reason: '' });
    const frame = head.replace('}', `${' '.repeat(MAX_JANUS_FRAME_LENGTH - head.length)}}`);
    expect(frame.length).toBe(MAX_JANUS_FRAME_LENGTH);
    expect(decodeJanusFrame(frame)).toEqual({ janus: 'hangup', sender: 34, reason: '' });
  });
});

describe('decodeJanusFrame: refusals', () => {
  it('refuses a frame one character too long before parsing it', () => {
    expectRefusal(`${'['.repeat(MAX_JANUS_FRAME_LENGTH + 1)}`, 'message-too-large');
    const head = JSON.stringify({ janus: 'hangup', sender: 34 });
    expectRefusal(head.replace('}', `${' '.repeat(MAX_JANUS_FRAME_LENGTH + 1 - head.length)}}`), 'message-too-large');
  });

  it('refuses what is not text, not JSON, or not a Janus envelope as malformed', () => {
    for (const frame of [new ArrayBuffer(4), null, 42, '', 'not json', '{"janus":', '[]', 'null', '"success"', '{}', '{"janus":1}'])
      expectRefusal(frame, 'malformed-message');
    expectRefusal(`${'['.repeat(100_000)}${']'.repeat(100_000)}`, 'malformed-message');
  });

  it('calls a kind it does not read unknown', () => {
    expectRefusal('{"janus":"server_info","transaction":"t1"}', 'unknown-message');
    expectRefusal('{"janus":"trickle","sender":34,"candidate":{"completed":true}}', 'unknown-message');
    expectRefusal(JSON.stringify({ janus: 'x'.repeat(33) }), 'malformed-message');
  });

  it.each([
    ['a success without a transaction', { janus: 'success', data: { id: 1 } }],
    ['an ID that is not a safe integer', { janus: 'success', transaction: 't', data: { id: 2 ** 53 } }],
    ['an ID of 0', { janus: 'detached', sender: 0 }],
    ['a negative ID', { janus: 'webrtcup', sender: -3 }],
    ['an ID as a string', { janus: 'webrtcup', sender: '34' }],
    ['a transaction too long to be ours', { janus: 'ack', transaction: 't'.repeat(65) }],
    ['an error without a code', { janus: 'error', transaction: 't', error: { reason: 'x' } }],
    ['an error code that is not an integer', { janus: 'error', transaction: 't', error: { code: 4.5, reason: 'x' } }],
    ['an event without plugindata', { janus: 'event', sender: 34 }],
    ['plugindata.data that is no object', { janus: 'event', sender: 34, plugindata: { plugin: 'p', data: [1] } }],
    ['a jsep of another type', { janus: 'event', sender: 34, plugindata: { plugin: 'p', data: {} }, jsep: { type: 'pranswer', sdp: '' } }],
    ['media of an unknown kind', { janus: 'media', sender: 34, type: 'data', receiving: true }],
    ['a timeout without its session', { janus: 'timeout' }],
    ['a hangup reason of a book', { janus: 'hangup', sender: 34, reason: 'r'.repeat(1025) }],
  ])('refuses %s as malformed', (_, message) => {
    expectRefusal(JSON.stringify(message), 'malformed-message');
  });
});

describe('decodeJanusFrame: anything at all', () => {
  it(
    'never throws on an arbitrary string, and answers a message or a RoomError',
    () => {
      fc.assert(
        fc.property(fc.oneof(fc.string(), fc.json(), fc.string({ unit: 'binary' })), (frame) => {
          const decoded = decodeJanusFrame(frame);
          expect(decoded instanceof RoomError || KINDS.includes(decoded.janus)).toBe(true);
        }),
        { numRuns: 2000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    'never throws on arbitrary JSON shaped like each kind',
    () => {
      const shaped = fc.record({
        janus: fc.constantFrom(...KINDS),
        transaction: fc.option(fc.string(), { nil: undefined }),
        sender: fc.option(fc.oneof(fc.integer(), fc.double(), fc.string()), { nil: undefined }),
        session_id: fc.option(fc.integer(), { nil: undefined }),
        data: fc.option(fc.anything(), { nil: undefined }),
        plugindata: fc.option(fc.anything(), { nil: undefined }),
        error: fc.option(fc.anything(), { nil: undefined }),
      });
      fc.assert(
        fc.property(shaped, (message) => {
          const decoded = decodeJanusFrame(JSON.stringify(message));
          expect(decoded instanceof RoomError || decoded.janus === message.janus).toBe(true);
        }),
        { numRuns: 2000 },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});
