/**
 * A consumer that imports one class from the root entry, which also re-exports the stage and
 * the audio layer: with `"sideEffects": false` its bundle must still leave three.js and Tone.js
 * out (tools/checkConsumer.ts asserts it).
 */
import { RoomError } from 'peerstage';

addEventListener('error', ({ error }) => {
  if (error instanceof RoomError) document.body.textContent = error.reason;
});
