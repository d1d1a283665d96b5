import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatMessage, MAX_CHAT_LENGTH, readChatMessage } from './chatMessage.ts';

describe('chat messages', () => {
  it('reads back what it sends, HTML and all, as text', () => {
    const sent = chatMessage('  <img src=x onerror=alert(1)> hi  ');
    expect(sent).toEqual({ kind: 'chat', text: '<img src=x onerror=alert(1)> hi' });
    expect(readChatMessage(sent)).toEqual(sent);
  });

  it('sends nothing for blanks, and cuts what is too long', () => {
    expect(chatMessage('   ')).toBeNull();
    expect(chatMessage('x'.repeat(MAX_CHAT_LENGTH + 5))?.text).toHaveLength(MAX_CHAT_LENGTH);
  });

  it('turns away whatever is not a chat message, without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (data) => {
        const read = readChatMessage(data);
        expect(read === null || (typeof read.text === 'string' && read.text.length > 0)).toBe(true);
      }),
      { numRuns: 2_000 },
    );
    expect(readChatMessage({ kind: 'chat', text: '' })).toBeNull();
    expect(readChatMessage({ kind: 'chat', text: 'x'.repeat(MAX_CHAT_LENGTH + 1) })).toBeNull();
  });
});
