/**
 * The typed error of local media: what went wrong when asking for a camera, a microphone, a
 * screen or the device list, told apart by `reason` so the app can say what the user can do.
 */
import { PeerstageError } from '../errors/PeerstageError.ts';

/** Why local media could not be had. */
export type MediaAccessErrorReason =
  /** The user (or the browser's settings, or the page's permissions policy) said no. */
  | 'permission-denied'
  /** No device of the asked kind is present. */
  | 'no-device'
  /** The device exists but could not be started: another application holds it, or it failed. */
  | 'device-busy'
  /** No device satisfies the constraints; `constraint` names the one that could not be met. */
  | 'overconstrained'
  /** The page is not HTTPS (or localhost), where browsers hide `navigator.mediaDevices`. */
  | 'insecure-context'
  /** This browser cannot do it, or refused the request as malformed. */
  | 'unsupported'
  /** The request was cut short (e.g. the device went away while the prompt was open). */
  | 'aborted'
  /**
   * The browser grants it only in answer to a click or key press: Firefox (and Safari) open
   * the screen-capture picker only then.
   */
  | 'needs-gesture';

export class MediaAccessError extends PeerstageError<MediaAccessErrorReason> {
  /** For `'overconstrained'`: the constraint no device could meet, when the browser says. */
  readonly constraint: string | undefined;

  constructor(reason: MediaAccessErrorReason, message: string, options?: { cause?: unknown; constraint?: string }) {
    super(reason, message, options);
    this.constraint = options?.constraint;
  }
}

/**
 * Turns whatever `getUserMedia`, `getDisplayMedia` or `enumerateDevices` rejected with into a
 * {@link MediaAccessError}, keeping the original as `cause`. `what` names the request in the
 * message ("camera and microphone: permission denied"). Browsers disagree on names, so the
 * pre-standard ones (Chrome's `PermissionDeniedError`, `DevicesNotFoundError`,
 * `TrackStartError`, `ConstraintNotSatisfiedError`; Firefox's `SourceUnavailableError`) map too.
 *
 * @example
 * ```ts
 * try {
 *   await navigator.mediaDevices.getUserMedia({ video: true });
 * } catch (error) {
 *   const mediaError = mediaAccessErrorFrom(error, 'camera');
 *   if (mediaError.reason === 'permission-denied') console.warn('Allow the camera in the address bar, then try again.');
 * }
 * ```
 */
export function mediaAccessErrorFrom(error: unknown, what: string): MediaAccessError {
  if (error instanceof MediaAccessError) return error;
  const cause = { cause: error };
  switch (errorName(error)) {
    case 'NotAllowedError':
    case 'PermissionDeniedError':
      return new MediaAccessError('permission-denied', `${what}: permission denied`, cause);
    case 'SecurityError':
      // Chromium and Firefox say SecurityError both for an insecure page and for a
      // permissions policy that forbids the feature; only the first is fixed by HTTPS.
      return isInsecureContext()
        ? insecureContextError(what, error)
        : new MediaAccessError('permission-denied', `${what}: permission denied by the browser or the page's permissions policy`, cause);
    case 'NotFoundError':
    case 'DevicesNotFoundError':
      return new MediaAccessError('no-device', `${what}: no device found`, cause);
    case 'NotReadableError':
    case 'TrackStartError':
    case 'SourceUnavailableError':
      return new MediaAccessError('device-busy', `${what}: the device is in use by another application or could not be started`, cause);
    case 'OverconstrainedError':
    case 'ConstraintNotSatisfiedError': {
      const constraint = constraintOf(error);
      return constraint
        ? new MediaAccessError('overconstrained', `${what}: no device satisfies the constraint "${constraint}"`, {
            cause: error,
            constraint,
          })
        : new MediaAccessError('overconstrained', `${what}: no device satisfies the constraints`, cause);
    }
    case 'AbortError':
      return new MediaAccessError('aborted', `${what}: the request was aborted`, cause);
    default:
      if (!globalMediaDevices()) {
        return isInsecureContext()
          ? insecureContextError(what, error)
          : new MediaAccessError('unsupported', `${what}: this browser has no media devices (navigator.mediaDevices)`, cause);
      }
      // A TypeError here means the request itself was malformed (e.g. neither audio nor
      // video asked); keep the browser's own words, they say which part.
      return new MediaAccessError('unsupported', `${what}: ${errorMessage(error)}`, cause);
  }
}

function insecureContextError(what: string, cause: unknown): MediaAccessError {
  return new MediaAccessError('insecure-context', `${what}: needs a secure page (HTTPS or localhost)`, { cause });
}

/** `undefined` (Node, workers without the flag) counts as secure: only a page can say it is not. */
function isInsecureContext(): boolean {
  return (globalThis as { isSecureContext?: boolean }).isSecureContext === false;
}

function globalMediaDevices(): MediaDevices | undefined {
  return (globalThis as { navigator?: { mediaDevices?: MediaDevices } }).navigator?.mediaDevices;
}

function errorName(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('name' in error)) return undefined;
  return typeof error.name === 'string' ? error.name : undefined;
}

function errorMessage(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error && typeof error.message === 'string' && error.message) {
    return error.message;
  }
  return errorName(error) ?? String(error);
}

/** Chromium puts it on `OverconstrainedError.constraint`; old Firefox called it `constraintName`. */
function constraintOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { constraint, constraintName } = error as { constraint?: unknown; constraintName?: unknown };
  if (typeof constraint === 'string' && constraint) return constraint;
  if (typeof constraintName === 'string' && constraintName) return constraintName;
  return undefined;
}
