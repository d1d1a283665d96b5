import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * A connect-style handler: what both Vite's `server.middlewares` and express accept, so the
 * same signaling and config handlers serve the dev server and the production server.
 */
export type Middleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;
