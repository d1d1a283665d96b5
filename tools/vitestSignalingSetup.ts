/**
 * Vitest global setup of the browser layer: two real PeerServers in forked children for the
 * whole run — peerstage's own (`inject('signalingPort')`) and a stock one without a room
 * directory (`inject('stockSignalingPort')`) — killed afterwards (with the restartable one
 * that {@link ./vitestSignalingCommands.ts} may have started).
 */
import type { TestProject } from 'vitest/node';
import { namedSignalingProcess } from './signalingProcess.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    signalingPort: number;
    /** A stock PeerServer's (no room directory): rooms meet at their rendezvous ID there. */
    stockSignalingPort: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = namedSignalingProcess('shared');
  const stock = namedSignalingProcess('stock');
  const [sharedPort, stockPort] = await Promise.all([shared.start(), stock.start()]);
  project.provide('signalingPort', sharedPort);
  project.provide('stockSignalingPort', stockPort);
  return async () => {
    await shared.stop();
    await stock.stop();
    await namedSignalingProcess('restartable').stop();
  };
}
