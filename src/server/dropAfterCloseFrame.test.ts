import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dropAfterCloseFrame } from './dropAfterCloseFrame.ts';

afterEach(() => {
  vi.useRealTimers();
});

describe('dropAfterCloseFrame', () => {
  it('waits for the close frame to go out, then reads nothing and destroys the socket after the grace', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const socket = new PassThrough();
    socket.write('the close frame');
    dropAfterCloseFrame(socket, 1_000);
    vi.advanceTimersByTime(5_000);
    expect(socket.destroyed).toBe(false); // not before what was written has gone out

    socket.end();
    await once(socket, 'finish');
    expect(socket.isPaused()).toBe(true);
    vi.advanceTimersByTime(999);
    expect(socket.destroyed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(socket.destroyed).toBe(true);
  });

  it('lets go of its timer when the socket closes first', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const socket = new PassThrough();
    socket.end();
    await once(socket, 'finish');
    dropAfterCloseFrame(socket, 1_000);
    expect(vi.getTimerCount()).toBe(1);
    socket.destroy();
    await once(socket, 'close');
    expect(vi.getTimerCount()).toBe(0);
  });
});
