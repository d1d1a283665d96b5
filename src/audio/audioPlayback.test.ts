import { describe, expect, it } from 'vitest';
import { CountingEventTarget } from '../testing/CountingEventTarget.ts';
import { audioPlayback, type StateEmitterContext } from './audioPlayback.ts';

/** An AudioContext as far as `audioPlayback` looks at one. */
class FakeAudioContext extends CountingEventTarget {
  state = 'suspended';

  change(state: string): void {
    this.state = state;
    this.dispatchEvent(new Event('statechange'));
  }
}

/** Tone's context as far as `audioPlayback` looks at one: an emitter, not an EventTarget. */
class FakeToneContext implements StateEmitterContext {
  state = 'running';
  readonly callbacks = new Set<() => void>();

  on(_event: 'statechange', callback: () => void): this {
    this.callbacks.add(callback);
    return this;
  }

  off(_event: 'statechange', callback: () => void): this {
    this.callbacks.delete(callback);
    return this;
  }

  change(state: string): void {
    this.state = state;
    for (const callback of this.callbacks) callback();
  }
}

describe('audioPlayback', () => {
  it('emits the current state, then each change, and removes its listener on unsubscribe', () => {
    const context = new FakeAudioContext();
    const seen: boolean[] = [];
    const subscription = audioPlayback(context).subscribe((running) => seen.push(running));
    expect(context.listeners).toBe(1);
    context.change('running');
    context.change('running');
    context.change('suspended');
    // Safari's 'interrupted': sound does not play.
    context.change('interrupted');
    context.change('running');
    subscription.unsubscribe();
    expect(seen).toEqual([false, true, false, true]);
    expect(context.listeners).toBe(0);
  });

  it('completes when the context closes, and lets go of it', () => {
    const context = new FakeAudioContext();
    context.state = 'running';
    const seen: boolean[] = [];
    let completed = false;
    audioPlayback(context).subscribe({ next: (running) => seen.push(running), complete: () => (completed = true) });
    context.change('closed');
    expect(seen).toEqual([true, false]);
    expect(completed).toBe(true);
    expect(context.listeners).toBe(0);
  });

  it('completes at once for a context closed already', () => {
    const context = new FakeAudioContext();
    context.state = 'closed';
    const seen: boolean[] = [];
    let completed = false;
    audioPlayback(context).subscribe({ next: (running) => seen.push(running), complete: () => (completed = true) });
    expect(seen).toEqual([false]);
    expect(completed).toBe(true);
    expect(context.listeners).toBe(0);
  });

  it("listens through Tone's emitter on a Tone context", () => {
    const context = new FakeToneContext();
    const seen: boolean[] = [];
    const subscription = audioPlayback(context).subscribe((running) => seen.push(running));
    context.change('suspended');
    expect(context.callbacks.size).toBe(1);
    subscription.unsubscribe();
    expect(context.callbacks.size).toBe(0);
    expect(seen).toEqual([true, false]);
  });
});
