import { describe, expect, it } from 'vitest';
import { classifyPeerError } from './classifyPeerError.ts';
import { SignalingError } from './errors.ts';

const peerError = (type: string, message: string) => Object.assign(new Error(message), { type });

describe('classifyPeerError', () => {
  it.each([
    ['unavailable-id', 'ID "ada" is taken', 'id-taken'],
    ['invalid-id', 'ID "a/b" is invalid', 'invalid-id'],
    ['invalid-key', 'API KEY "x" is invalid', 'invalid-key'],
    ['browser-incompatible', 'The current browser does not support WebRTC', 'browser-incompatible'],
  ])('%s is fatal for the session (%s)', (type, message, reason) => {
    const meaning = classifyPeerError(peerError(type, message));
    expect(meaning.scope).toBe('session-fatal');
    if (meaning.scope !== 'session-fatal') return;
    expect(meaning.error).toBeInstanceOf(SignalingError);
    expect(meaning.error.reason).toBe(reason);
    expect(meaning.error.message).toBe(message);
    expect((meaning.error.cause as Error).message).toBe(message);
  });

  it.each([
    ['network', 'Lost connection to server.', 'unreachable'],
    ['socket-error', 'Error', 'unreachable'],
    ['socket-closed', 'Underlying socket is already closed.', 'unreachable'],
    ['server-error', 'Could not get an ID from the server.', 'unreachable'],
    ['server-error', 'Server has reached its concurrent user limit', 'server-error'],
  ])('%s means signaling is lost for now (%s → %s)', (type, message, reason) => {
    const meaning = classifyPeerError(peerError(type, message));
    expect(meaning).toMatchObject({ scope: 'signaling-lost', error: { reason } });
  });

  it('attributes peer-unavailable to the peer it names', () => {
    expect(classifyPeerError(peerError('peer-unavailable', 'Could not connect to peer bob-42'))).toEqual({
      scope: 'peer-unavailable',
      peerId: 'bob-42',
    });
  });

  it('leaves WebRTC errors and anything unknown to the connection scope', () => {
    expect(classifyPeerError(peerError('webrtc', 'Failed to set remote answer')).scope).toBe('connection');
    expect(classifyPeerError(peerError('peer-unavailable', 'something else')).scope).toBe('connection');
    expect(classifyPeerError(peerError('brand-new-type', '?')).scope).toBe('connection');
  });
});
