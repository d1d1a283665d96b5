/**
 * A consumer that imports one small thing from `peerstage/rtc`: its bundle must hold that and
 * what it needs, never three.js or Tone.js (tools/checkConsumer.ts asserts it).
 */
import { LINK_THRESHOLDS } from 'peerstage/rtc';

document.body.textContent = `poor above ${LINK_THRESHOLDS.poor.roundTripMs} ms`;
