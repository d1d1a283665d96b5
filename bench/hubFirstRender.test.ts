import { describe, expect, it } from 'vitest';
import { FIRST_RENDER_GLOBAL, FIRST_RENDER_PROBE, isJoinButtonText } from './hubFirstRender.ts';

describe('isJoinButtonText', () => {
  it('knows the Join button however it is cased or worded around', () => {
    for (const text of ['Join', 'join', 'JOIN', ' Join ', 'Join room', 'Join a room', 'Join →']) expect(isJoinButtonText(text)).toBe(true);
  });

  it('is not fooled by words that contain "join"', () => {
    for (const text of ['Rejoin', 'Joined', 'Joining…', 'Leave', 'Send', '']) expect(isJoinButtonText(text)).toBe(false);
  });
});

/** Runs the probe against a stand-in page: buttons, a MutationObserver, frames and a clock. */
function probedPage() {
  const buttons: { textContent: string | null }[] = [];
  const frames: (() => void)[] = [];
  let onMutation: (() => void) | undefined;
  let disconnected = false;
  class FakeObserver {
    constructor(callback: () => void) {
      onMutation = callback;
    }
    observe() {}
    disconnect() {
      disconnected = true;
    }
  }
  const page: Record<string, unknown> = {};
  let now = 0;
  const document = { querySelectorAll: (selector: string) => (selector === 'button' ? buttons : []) };
  new Function('document', 'MutationObserver', 'requestAnimationFrame', 'performance', 'globalThis', FIRST_RENDER_PROBE)(
    document,
    FakeObserver,
    (frame: () => void) => frames.push(frame),
    { now: () => now },
    page,
  );
  return {
    add: (text: string | null) => {
      buttons.push({ textContent: text });
      onMutation?.();
    },
    paint: (at: number) => {
      now = at;
      for (const frame of frames.splice(0)) frame();
    },
    reading: () => page[FIRST_RENDER_GLOBAL],
    disconnected: () => disconnected,
  };
}

describe('FIRST_RENDER_PROBE', () => {
  it('notes the time of the first frame after a Join button appears, once', () => {
    const page = probedPage();
    page.add('Leave');
    page.add(null);
    page.paint(10);
    expect(page.reading()).toBeUndefined();
    page.add('Join');
    expect(page.reading()).toBeUndefined();
    page.paint(42.5);
    expect(page.reading()).toBe(42.5);
    expect(page.disconnected()).toBe(true);
  });

  it('waits past a button that only contains "join"', () => {
    const page = probedPage();
    page.add('Rejoin');
    page.paint(5);
    expect(page.reading()).toBeUndefined();
    expect(page.disconnected()).toBe(false);
  });
});
