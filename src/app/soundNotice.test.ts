import { TestScheduler } from 'rxjs/testing';
import { describe, expect, it } from 'vitest';
import { AudioError } from '../audio/AudioError.ts';
import { humanMessage } from './humanMessage.ts';
import { SOUND_OFF_GRACE_MS, soundNotice } from './soundNotice.ts';

/** What the log says of the "Click to hear the room" button. */
const PROMPT = 'the Click to hear the room button';

const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

const UNAVAILABLE = new AudioError('audio-unavailable', 'did not start within 3000 ms');
const UNAVAILABLE_TEXT = humanMessage(UNAVAILABLE);

/** Notices and a prompt that log, with the virtual time, what was shown and dismissed. */
function recordingNotices(now: () => number) {
  const log: string[] = [];
  const showing = new Set<string>();
  return {
    log,
    showing,
    prompt: {
      show: () => {
        if (showing.has(PROMPT)) return;
        showing.add(PROMPT);
        log.push(`${now()} show ${PROMPT}`);
      },
      hide: () => {
        if (showing.delete(PROMPT)) log.push(`${now()} dismiss ${PROMPT}`);
      },
    },
    show: (text: string) => {
      showing.add(text);
      log.push(`${now()} show ${text}`);
    },
    dismiss: (text: string) => {
      if (showing.delete(text)) log.push(`${now()} dismiss ${text}`);
    },
  };
}

describe('soundNotice', () => {
  it('says nothing when sound runs at once', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const notices = recordingNotices(() => test.now());
      const start$ = cold<void>('-');
      expectObservable(soundNotice(notices, { playback$: cold('t', { t: true }), start$, prompt: notices.prompt }), '^ 2s !').toBe('');
      test.flush();
      expect(notices.log).toEqual([]);
      expectSubscriptions(start$.subscriptions).toBe([]);
    });
  });

  it('does not flash the button for a context that starts by itself within the grace time', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const notices = recordingNotices(() => test.now());
      const playback$ = cold('f 100ms t', { f: false, t: true });
      expectObservable(soundNotice(notices, { playback$, start$: cold<void>('-'), prompt: notices.prompt }), '^ 2s !').toBe('');
      test.flush();
      expect(notices.log).toEqual([]);
    });
  });

  it('shows that sound is off, shows the Click to hear the room button, starts sound on the gesture, and hides the button once it runs', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const notices = recordingNotices(() => test.now());
      // The person clicks at 2 s; the context runs a moment later.
      const playback$ = cold('f 2010ms t', { f: false, t: true });
      const start$ = cold<void>('2s (s|)', { s: undefined });
      expectObservable(soundNotice(notices, { playback$, start$, prompt: notices.prompt }), '^ 5s !').toBe('');
      expectSubscriptions(start$.subscriptions).toBe('^ 1999ms !');
      test.flush();
      expect(notices.log).toEqual([`${SOUND_OFF_GRACE_MS} show ${PROMPT}`, `2011 dismiss ${PROMPT}`]);
    });
  });

  it('replaces the button with the failure in words when sound cannot start, until sound runs after all', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const notices = recordingNotices(() => test.now());
      const playback$ = cold('f 9999ms t', { f: false, t: true });
      // Clicked at 1 s; starting gave up 3 s later.
      const start$ = cold<void>('4s #', {}, UNAVAILABLE);
      expectObservable(soundNotice(notices, { playback$, start$, prompt: notices.prompt }), '^ 20s !').toBe('');
      expectSubscriptions(start$.subscriptions).toBe('^ 3999ms !');
      test.flush();
      expect(UNAVAILABLE_TEXT).toMatch(/could not start sound/);
      expect(notices.log).toEqual([
        `${SOUND_OFF_GRACE_MS} show ${PROMPT}`,
        `4000 dismiss ${PROMPT}`,
        `4000 show ${UNAVAILABLE_TEXT}`,
        `10000 dismiss ${UNAVAILABLE_TEXT}`,
      ]);
    });
  });

  it('shows only the failure when starting fails within the grace time', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable }) => {
      const notices = recordingNotices(() => test.now());
      expectObservable(
        soundNotice(notices, {
          playback$: cold('f', { f: false }),
          start$: cold<void>('100ms #', {}, UNAVAILABLE),
          prompt: notices.prompt,
        }),
        '^ 2s !',
      ).toBe('');
      test.flush();
      expect([...notices.showing]).toEqual([UNAVAILABLE_TEXT]);
    });
  });

  it('asks for a gesture again when running sound stops, and lets go of the gesture wait and the button when unsubscribed', () => {
    const test = scheduler();
    test.run(({ cold, expectObservable, expectSubscriptions }) => {
      const notices = recordingNotices(() => test.now());
      const playback$ = cold('t 999ms f', { t: true, f: false });
      const start$ = cold<void>('-');
      expectObservable(soundNotice(notices, { playback$, start$, prompt: notices.prompt }), '^ 3s !').toBe('');
      expectSubscriptions(start$.subscriptions).toBe('1s ^ 2000ms !');
      test.flush();
      expect(notices.log).toEqual([`${1000 + SOUND_OFF_GRACE_MS} show ${PROMPT}`, `3001 dismiss ${PROMPT}`]); // "^ 3s !" unsubscribes at frame 3001
    });
  });

  it('needs somewhere to put the button', () => {
    expect(() => soundNotice({ show: () => undefined, dismiss: () => undefined })).toThrow(TypeError);
  });
});
