/**
 * What the examples in the server's docs use without declaring it: the HTTP server and the
 * express app a reader of an example already has. tools/checkExamples.ts imports these into
 * every example; nothing here runs.
 */
import type { Server } from 'node:http';
import type { Express } from 'express';

export declare const server: Server;
export declare const app: Express;
