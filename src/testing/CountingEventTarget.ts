/**
 * An EventTarget that counts its listeners, for fakes of browser objects (channels, tracks,
 * peer connections, media devices): a test can then prove that every listener added was
 * removed again.
 */
export class CountingEventTarget extends EventTarget {
  /** Listeners added and not yet removed. */
  listeners = 0;

  override addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: AddEventListenerOptions | boolean,
  ): void {
    this.listeners += 1;
    super.addEventListener(type, listener, options);
  }

  override removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    options?: EventListenerOptions | boolean,
  ): void {
    this.listeners -= 1;
    super.removeEventListener(type, listener, options);
  }
}
