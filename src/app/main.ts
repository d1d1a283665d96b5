/**
 * The hub page. For now it tells whether its signaling server answers; the room session
 * (join screen, stage, roster, chat, recording) grows here.
 */
import { signalingAtPageOrigin } from '../rtc/signalingOptions.ts';

const status = document.querySelector<HTMLElement>('#signaling-status');
const { path } = signalingAtPageOrigin();

fetch(`${path}/`)
  .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
  .then(
    () => status && (status.textContent = `Signaling server ready at ${path}.`),
    (error: unknown) =>
      status && (status.textContent = `Signaling server unreachable at ${path}: ${error instanceof Error ? error.message : String(error)}`),
  );
