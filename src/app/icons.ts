/**
 * The hub's icons: Lucide's outlines (ISC licence), built as SVG elements with no markup
 * parsed. An icon is always beside a visible text label, which stays the control's accessible
 * name; the icon itself is hidden from assistive technology.
 */
import {
  Box,
  Camera,
  CameraOff,
  CircleQuestionMark,
  Download,
  Keyboard,
  LayoutGrid,
  Link,
  LogOut,
  Mic,
  MicOff,
  MonitorUp,
  Pause,
  Play,
  Send,
  Square,
  Circle,
  Trash2,
  Volume2,
  createElement,
  type IconNode,
} from 'lucide';
import { button } from './dom.ts';

/** The icons the hub uses, by what they mean there. */
export const ICONS = {
  mic: Mic,
  micOff: MicOff,
  camera: Camera,
  cameraOff: CameraOff,
  share: MonitorUp,
  record: Circle,
  pause: Pause,
  resume: Play,
  stop: Square,
  download: Download,
  delete: Trash2,
  leave: LogOut,
  send: Send,
  help: CircleQuestionMark,
  link: Link,
  keyboard: Keyboard,
  sound: Volume2,
  cubes: Box,
  tiles: LayoutGrid,
} as const satisfies Record<string, IconNode>;

export type IconName = keyof typeof ICONS;

/**
 * The icon `name` as an `<svg>` hidden from assistive technology, 1.25em square, drawn in
 * the current text colour.
 *
 * @example
 * ```ts
 * declare const heading: HTMLElement;
 * heading.prepend(icon('help'));
 * ```
 */
export function icon(name: IconName): SVGElement {
  return createElement(ICONS[name], { class: 'icon', 'aria-hidden': 'true', focusable: 'false', width: '1.25em', height: '1.25em' });
}

/**
 * Puts `name`'s icon before `target`'s label, replacing an icon it had: for controls whose
 * state (muted, camera off) changes the picture.
 *
 * @example
 * ```ts
 * declare const muteButton: HTMLButtonElement;
 * declare let muted: boolean;
 * setIcon(muteButton, muted ? 'micOff' : 'mic');
 * ```
 */
export function setIcon<T extends Element>(target: T, name: IconName): T {
  target.querySelector(':scope > svg.icon')?.remove();
  target.prepend(icon(name));
  target.setAttribute('data-icon', name);
  return target;
}

/**
 * A button with an icon and a visible label (its accessible name) that calls `onClick`.
 *
 * @example
 * ```ts
 * const leave = iconButton('Leave', 'leave', () => room.leave(), { class: 'danger' });
 * ```
 */
export function iconButton(
  label: string,
  name: IconName,
  onClick: (event: MouseEvent) => void,
  attributes: Readonly<Record<string, string>> = {},
): HTMLButtonElement {
  return setIcon(button(label, onClick, attributes), name);
}
