import { describe, expect, it } from 'vitest';
import { FakeConnection } from '../testing/fakePeerJs.ts';
import { encodeChunk } from './binaryFrames.ts';
import type { DataChannel } from './DataChannel.ts';
import { newScheduler, startSession } from '../testing/peerSessionRig.ts';

describe('PeerSession acceptTransfers', () => {
  it('asks for each channel by its label, dialed or incoming: a refused one drops binary with one unexpected-binary and still takes JSON', () => {
    const scheduler = newScheduler();
    scheduler.run(() => {
      const asked: string[] = [];
      const { session, peer, at } = startSession(scheduler, {
        acceptTransfers: (label) => {
          asked.push(label);
          return label === 'files';
        },
      });
      const seen: Record<string, string[]> = {};
      const watch = (channel: DataChannel) => {
        const log: string[] = [];
        seen[channel.label] = log;
        channel.errors$.subscribe((error) => log.push(error.reason));
        channel.messages$.subscribe((message) =>
          log.push(message instanceof ArrayBuffer ? `${message.byteLength} bytes` : String(message)),
        );
      };
      /** Two transfers (one whole, one begun) and a JSON string, as a remote would send them. */
      const sendTo = (raw: EventTarget) => {
        const bytes = new Uint8Array(10).fill(1);
        for (const data of [encodeChunk(1, bytes, 0, 5), encodeChunk(1, bytes, 5, 5), encodeChunk(2, bytes, 0, 5), '"hi"']) {
          raw.dispatchEvent(new MessageEvent('message', { data }));
        }
      };
      const incoming = Object.assign(new FakeConnection('carol', { label: 'join' }), { serialization: 'raw' });
      session.connections$.subscribe(watch);
      at(10, () => {
        peer(0).serverOpens();
        session.connect('bob', { label: 'room' }).subscribe(watch);
        session.connect('bob', { label: 'files' }).subscribe(watch);
      });
      at(20, () => {
        for (const dial of peer(0).dials) dial.opens();
        peer(0).emit('connection', incoming);
        incoming.opens();
      });
      at(30, () => {
        for (const dial of peer(0).dials) sendTo(dial.dataChannel);
        sendTo(incoming.dataChannel);
      });
      at(40, () => {
        expect(asked.sort()).toEqual(['files', 'join', 'room']);
        expect(seen).toEqual({
          room: ['unexpected-binary', 'hi'],
          join: ['unexpected-binary', 'hi'],
          files: ['10 bytes', 'hi'],
        });
      });
    });
  });
});
