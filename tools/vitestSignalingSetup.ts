/**
 * Vitest global setup of the browser layer: a real PeerServer in a forked child for the whole
 * run, its port handed to tests as `inject('signalingPort')`, killed afterwards (with the
 * restartable one that {@link ./vitestSignalingCommands.ts} may have started).
 */
import type { TestProject } from 'vitest/node';
import { namedSignalingProcess } from './signalingProcess.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    signalingPort: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const shared = namedSignalingProcess('shared');
  project.provide('signalingPort', await shared.start());
  return async () => {
    await shared.stop();
    await namedSignalingProcess('restartable').stop();
  };
}
