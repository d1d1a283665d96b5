/**
 * Story 2, "Measured in this page": a mesh room of `members` in-page members, each showing what
 * it really sends (its senders' outbound-rtp bytes per second) and on how many connections,
 * beside `uplinkModel`'s line; with a `janusUrl`, the same members in a room on that Janus too.
 */
import { auditTime, combineLatest, type Observable, of, startWith, type Subscription } from 'rxjs';
import { janusTransport } from '../../src/room/janus/janusTransport.ts';
import { uplinkModel } from '../../src/room/janus/uplinkModel.ts';
import { DEFAULT_MAX_MEMBERS, DEFAULT_UPLINK_KBPS, meshTransport, type RoomTransport } from '../../src/room/index.ts';
import { describeError } from '../peer-basics/describeError.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { errorsPart } from '../rooms/errorsPart.ts';
import { membersRow } from '../rooms/memberCard.ts';
import { storyRoomId } from '../rooms/storyRoomId.ts';
import { virtualMember, type MemberSpec } from '../rooms/virtualMember.ts';
import { JANUS_COLOR, MESH_COLOR } from './meshVersusServerStory.ts';
import { memberConnections } from './memberConnections.ts';
import { notingTransport } from './notingTransport.ts';
import { pageConnections } from './pageConnections.ts';
import { type MeterState, type RoomMeter, roomMeter } from './roomMeter.ts';
import { type ChartDot, type ChartLine, uplinkChart } from './uplinkChart.ts';

export interface MeasuredRoomArgs {
  /** How many members join, in this one page. */
  readonly members: number;
  /** Join with the default uplink budget; else with `uplinkKbps: Infinity` (every copy the same picture). */
  readonly budget: boolean;
  /** A Janus server's WebSocket (`ws:`/`wss:`), or empty for none. */
  readonly janusUrl: string;
}

/** The members, in the order they are taken: a name, a colour and a tone each. */
export const MEASURED_MEMBERS: readonly Omit<MemberSpec, 'join'>[] = [
  { name: 'Ada', color: '#2b4c7e', frequency: 440 },
  { name: 'Bo', color: '#3a7d44', frequency: 550 },
  { name: 'Cy', color: '#d9822b', frequency: 660 },
  { name: 'Di', color: '#7e2b6c', frequency: 770 },
  { name: 'Ed', color: '#2b7e7a', frequency: 880 },
  { name: 'Flo', color: '#7e6a2b', frequency: 990 },
];

/** The region names of the two rooms: what the play function looks in. */
export const ON_THE_MESH = 'On the mesh';
export const ON_JANUS = 'On Janus';

/** The `members` the story takes: 2 to {@link MEASURED_MEMBERS}' length (whole numbers). */
export function measuredCount(members: number): number {
  return Math.min(MEASURED_MEMBERS.length, Math.max(2, Math.round(members)));
}

/**
 * Renders the story; everything it starts belongs to `lifetime`.
 *
 * @example
 * ```ts
 * render: (args, { canvasElement }) => renderMeasuredRoom(args, renderLifetime(canvasElement)),
 * ```
 */
export function renderMeasuredRoom(args: MeasuredRoomArgs, lifetime: Subscription): HTMLElement {
  const specs = MEASURED_MEMBERS.slice(0, measuredCount(args.members));
  // Without the budget every copy is the same picture, so the uplink follows the copies alone.
  const uplink = args.budget ? {} : { uplinkKbps: Number.POSITIVE_INFINITY };
  const meshPeers = new Set<() => RTCPeerConnection[]>();
  const janusUrl = args.janusUrl.trim();
  // Janus hands out no connections: note the page's from before any member joins, and count
  // as Janus's those no mesh member made.
  const made = new Set<RTCPeerConnection>();
  if (janusUrl) lifetime.add(pageConnections().subscribe((pc) => made.add(pc)));
  lifetime.add(() => made.clear());
  const janusConnections = () => {
    const mesh = new Set([...meshPeers].flatMap((open) => open()));
    for (const pc of made) if (pc.connectionState === 'closed') made.delete(pc);
    return [...made].filter((pc) => !mesh.has(pc));
  };

  const mesh = roomMeter({ transport: 'mesh', title: ON_THE_MESH });
  const meshRoomId = storyRoomId();
  const meshCards = specs.map((spec) => {
    const connections = memberConnections();
    lifetime.add(() => connections.clear());
    meshPeers.add(() => connections.open());
    const noting = notingTransport(meshTransport);
    const part = mesh.part(spec.name, { connections: () => connections.open(), tracks: noting.tracks });
    const join = { createPeer: connections.createPeer, transport: noting.transport, ...uplink };
    return virtualMember({ ...spec, join }, { roomId: meshRoomId, toggle: true, parts: [part] }, lifetime).card;
  });
  mesh.element.append(membersRow(...meshCards));

  const janus = janusUrl ? janusRoom(janusUrl, specs, { connections: janusConnections, uplink }, lifetime) : null;
  const chartBox = labelled(el('div'), 'Chart');
  const states: Observable<MeterState | null>[] = [mesh.state$, janus?.meter?.state$ ?? of(null)];
  lifetime.add(
    combineLatest(states.map((state$) => state$.pipe(startWith(null))))
      .pipe(auditTime(1_000))
      .subscribe(([meshState, janusState]) => chartBox.replaceChildren(chart(meshState ?? null, janusState ?? null))),
  );
  const root = el(
    'div',
    {},
    el(
      'p',
      {},
      `${specs.length} members join a room in this page, each its own joinRoom through this Storybook’s /peerjs, each sharing a 160×120 synthetic picture and tone, `,
      args.budget
        ? `within the default uplink budget of ${DEFAULT_UPLINK_KBPS} kbit/s.`
        : 'with no uplink budget: every copy the same picture.',
    ),
    chartBox,
    mesh.element,
    janus?.element ?? noJanus(),
  );
  root.style.fontFamily = 'system-ui, sans-serif';
  return root;
}

/** The same members on the Janus at `url`, or why not (a URL that is not `ws:`/`wss:`). */
function janusRoom(
  url: string,
  specs: readonly Omit<MemberSpec, 'join'>[],
  { connections, uplink }: { readonly connections: () => RTCPeerConnection[]; readonly uplink: { readonly uplinkKbps?: number } },
  lifetime: Subscription,
): { readonly element: HTMLElement; readonly meter: RoomMeter | null } {
  let transport: RoomTransport;
  try {
    transport = janusTransport({ url });
  } catch (error) {
    return { element: janusRegion(el('p', {}, describeError(error))), meter: null };
  }
  const meter = roomMeter({
    transport: 'janus',
    title: ON_JANUS,
    sharedConnections: () => connections().filter((pc) => pc.connectionState === 'connected').length,
  });
  const roomId = storyRoomId();
  const cards = specs.map((spec) => {
    const noting = notingTransport(transport);
    const part = meter.part(spec.name, { connections, tracks: noting.tracks });
    return virtualMember(
      { ...spec, join: { transport: noting.transport, ...uplink } },
      { roomId, toggle: true, parts: [part, errorsPart()] },
      lifetime,
    ).card;
  });
  meter.element.append(
    el('p', {}, `At ${url}. Connections are the page’s Janus connections over the members: Janus hands none out per member.`),
    membersRow(...cards),
  );
  return { element: meter.element, meter };
}

function noJanus(): HTMLElement {
  return janusRegion(
    el(
      'p',
      {},
      'No Janus here: the janusUrl control is empty, so only the mesh is measured. Point it at a Janus (for instance the hub’s ws://host/janus/0: ',
      'npm start runs one when Debian’s janus is installed) and the same members join a room there too.',
    ),
  );
}

function janusRegion(...content: readonly Node[]): HTMLElement {
  return labelled(el('section', {}, el('h3', {}, ON_JANUS), ...content), ON_JANUS);
}

/** The model's lines at the rate one copy takes here, and each size the rooms settled at as a dot. */
function chart(mesh: MeterState | null, janus: MeterState | null): SVGSVGElement {
  const perCopy = mesh?.perCopyKbps ?? janus?.perCopyKbps ?? null;
  const sizes = Array.from({ length: DEFAULT_MAX_MEMBERS - 1 }, (_, index) => index + 2);
  const lines: ChartLine[] = [];
  if (perCopy) {
    const meshCopy = mesh?.perCopyKbps ?? perCopy;
    const janusCopy = janus?.perCopyKbps ?? perCopy;
    const model = (size: number, copy: number) => uplinkModel(size, { streamKbps: copy, uplinkKbps: Number.POSITIVE_INFINITY });
    lines.push({
      name: 'mesh, model',
      color: MESH_COLOR,
      points: sizes.map((size) => ({ members: size, kbps: model(size, meshCopy).mesh.wantedKbps })),
    });
    lines.push({
      name: 'Janus, model',
      color: JANUS_COLOR,
      points: sizes.map((size) => ({ members: size, kbps: model(size, janusCopy).janus.wantedKbps })),
    });
  }
  const dots = (state: MeterState | null, color: string, name: string): ChartDot[] =>
    [...(state?.settled ?? [])].map(([members, kbps]) => ({
      members,
      kbps,
      color,
      label: `${name}, ${members} members: ${Math.round(kbps)} kbit/s measured`,
    }));
  return uplinkChart({
    title: 'Uplink per member: the model’s lines, measured dots',
    mostMembers: DEFAULT_MAX_MEMBERS,
    lines,
    dots: [...dots(mesh, MESH_COLOR, 'mesh'), ...dots(janus, JANUS_COLOR, 'Janus')],
    marks: [{ members: DEFAULT_MAX_MEMBERS, label: `the mesh stops (${DEFAULT_MAX_MEMBERS})` }],
  });
}
