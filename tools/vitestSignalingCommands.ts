/**
 * Browser commands that give a test in Chromium its own signaling server to take down and
 * bring up again, to prove what survives a restart. It is separate from the shared server
 * (`inject('signalingPort')`) so that other test files never see it go.
 */
import type { BrowserCommand } from 'vitest/node';
import { namedSignalingProcess } from './signalingProcess.ts';

const restartable = () => namedSignalingProcess('restartable');

const startSignaling: BrowserCommand<[]> = async () => restartable().start();
const stopSignaling: BrowserCommand<[]> = async () => {
  await restartable().stop();
};
const restartSignaling: BrowserCommand<[]> = async () => restartable().restart();

export const signalingCommands = { startSignaling, stopSignaling, restartSignaling };

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Starts the restartable signaling server (on its previous port, if any); resolves with the port. */
    startSignaling(): Promise<number>;
    /** Kills the restartable signaling server, as a crash would. */
    stopSignaling(): Promise<void>;
    /** Kills and restarts it on the same port; resolves with the port. */
    restartSignaling(): Promise<number>;
  }
}
