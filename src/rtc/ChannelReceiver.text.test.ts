import { describe, expect, it } from 'vitest';
import { utf8ByteLength } from './utf8ByteLength.ts';
import { limits, setup, hasReason } from '../testing/channelReceiverRig.ts';

describe('ChannelReceiver text', () => {
  it('parses JSON text into values', () => {
    const { sink, receiver } = setup();
    receiver.receive('{"text":"hello","n":[1,2]}');
    receiver.receive('"plain string"');
    receiver.receive('null');
    receiver.receive('42');
    expect(sink.messages).toEqual([{ text: 'hello', n: [1, 2] }, 'plain string', null, 42]);
    expect(sink.errors).toEqual([]);
  });

  it('reports text that is not JSON as malformed and still delivers what follows', () => {
    const { sink, receiver } = setup();
    receiver.receive('{not json');
    receiver.receive('');
    receiver.receive('{"after":true}');
    expect(sink.errors).toHaveLength(2);
    expect(sink.errors.every(hasReason('malformed'))).toBe(true);
    // The parser's own error is kept for whoever debugs the remote.
    expect(sink.errors[0]?.cause).toBeInstanceOf(SyntaxError);
    expect(sink.messages).toEqual([{ after: true }]);
  });

  it('refuses text longer than maxMessageBytes as too-large, accepting text at the limit', () => {
    const { sink, receiver } = setup();
    const atLimit = JSON.stringify('x'.repeat(98));
    receiver.receive(atLimit);
    receiver.receive(JSON.stringify('x'.repeat(99)));
    expect(sink.messages).toEqual(['x'.repeat(98)]);
    expect(sink.errors).toHaveLength(1);
    expect(sink.errors[0]).toSatisfy(hasReason('too-large'));
  });

  it('refuses text whose UTF-8 size passes maxMessageBytes even when its length does not', () => {
    const { sink, receiver } = setup();
    const text = JSON.stringify('€'.repeat(40)); // 42 characters, 122 UTF-8 bytes
    expect(text.length).toBeLessThanOrEqual(limits.maxMessageBytes);
    expect(utf8ByteLength(text)).toBeGreaterThan(limits.maxMessageBytes);
    receiver.receive(text);
    expect(sink.messages).toEqual([]);
    expect(sink.errors[0]).toSatisfy(hasReason('too-large'));
  });

  it('reports data that is neither a string nor an ArrayBuffer as malformed', () => {
    const { sink, receiver } = setup();
    // A typed array or Blob means the channel's binaryType is not 'arraybuffer': refuse, do not guess.
    const odd: unknown[] = [new Uint8Array(20), new Blob(['{}']), 42, null, undefined, { data: 1 }];
    for (const data of odd) receiver.receive(data);
    expect(sink.errors).toHaveLength(odd.length);
    expect(sink.errors.every(hasReason('malformed'))).toBe(true);
    expect(sink.messages).toEqual([]);
  });
});
