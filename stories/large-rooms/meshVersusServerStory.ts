/**
 * Story 1, "Mesh vs media server": what a member of a room of `members` sends and how many
 * connections it keeps, on the mesh and on Janus, from `uplinkModel` — a table for the chosen
 * size and a chart over every size, with where the mesh stops — beside what the bench measured.
 */
import { DEFAULT_MAX_MEMBERS } from '../../src/room/JoinOptions.ts';
import { DEFAULT_JANUS_MAX_MEMBERS } from '../../src/room/janus/JanusRoom.ts';
import { type MemberCost, type UplinkModel, type UplinkModelOptions, uplinkModel } from '../../src/room/janus/uplinkModel.ts';
import { DEFAULT_UPLINK_KBPS } from '../../src/room/splitUplink.ts';
import { el, labelled } from '../peer-basics/el.ts';
import { reading, readingTable } from '../rooms/readingTable.ts';
import { BENCH_FIGURES } from './benchFigures.ts';
import { type ChartPoint, uplinkChart } from './uplinkChart.ts';

export interface MeshVersusServerArgs {
  /** How many members the room has, each counting itself. */
  readonly members: number;
  /** What one copy of a member's media takes at full size, kbit/s. */
  readonly kbps: number;
  /** Simulcast layers each member sends to Janus (1 to 3). */
  readonly layers: number;
}

/** The columns of the table "A member's cost", after the transport: what the play function reads. */
export const COST_COLUMNS = [
  'Transport',
  'Copies sent',
  'At full size',
  'Sent within the budget',
  'Connections',
  'Copies received',
  'Takes the room',
] as const;

/** The colours of the two transports, in the chart and the story's text. */
export const MESH_COLOR = '#b3362b';
export const JANUS_COLOR = '#2b6cb3';

/**
 * The model of the story's args, taken as the controls give them: whole members from 2 to
 * Janus's 50, a rate of at least 1 kbit/s, 1 to 3 layers.
 *
 * @example
 * ```ts
 * modelOf({ members: 8, kbps: 300, layers: 1 }).mesh.connections; // 14
 * ```
 */
export function modelOf(args: MeshVersusServerArgs): UplinkModel {
  return uplinkModel(clamp(Math.round(args.members), 2, DEFAULT_JANUS_MAX_MEMBERS), modelOptions(args));
}

/**
 * Renders the story: nothing in it runs on, so there is nothing to release.
 *
 * @example
 * ```ts
 * render: (args) => renderMeshVersusServer(args),
 * ```
 */
export function renderMeshVersusServer(args: MeshVersusServerArgs): HTMLElement {
  const model = modelOf(args);
  const { members } = model;
  const table = readingTable(
    'A member’s cost',
    COST_COLUMNS,
    `One member of a room of ${members}, everyone sharing media of ${modelOptions(args).streamKbps} kbit/s at full size (uplinkModel).`,
  );
  for (const [name, cost] of [
    ['Mesh', model.mesh],
    ['Janus', model.janus],
  ] as const) {
    const row = table.row(name);
    row.set('Copies sent', reading(cost.streams, String));
    row.set('At full size', reading(cost.wantedKbps, kbit));
    row.set('Sent within the budget', reading(cost.uplinkKbps, kbit));
    row.set('Connections', reading(cost.connections, String));
    row.set('Copies received', reading(cost.downlinkStreams, String));
    row.set('Takes the room', `${cost.fits ? 'yes' : 'no'}: at most ${cost.maxMembers}`);
  }
  const stop = labelled(el('p', {}, fitsText(model)), 'Room size');
  // A little past this room and past the mesh's end, so that both marks sit inside the chart.
  const mostMembers = Math.max(members + 2, DEFAULT_MAX_MEMBERS + 2);
  const sizes = Array.from({ length: mostMembers - 1 }, (_, index) => uplinkModel(index + 2, modelOptions(args)));
  const line = (cost: (size: UplinkModel) => MemberCost): ChartPoint[] =>
    sizes.map((size) => ({ members: size.members, kbps: cost(size).wantedKbps }));
  const chart = uplinkChart({
    title: `Uplink per member, 2 to ${mostMembers} members`,
    mostMembers,
    lines: [
      { name: 'mesh: N − 1 copies', color: MESH_COLOR, points: line((size) => size.mesh), dashedFrom: DEFAULT_MAX_MEMBERS },
      {
        name: `Janus: 1 copy${model.janus.wantedKbps > model.janus.streams * modelOptions(args).streamKbps ? ' + layers' : ''}`,
        color: JANUS_COLOR,
        points: line((size) => size.janus),
        dashedFrom: DEFAULT_JANUS_MAX_MEMBERS,
      },
    ],
    marks: [
      { members: DEFAULT_MAX_MEMBERS, label: `the mesh stops (maxMembers ${DEFAULT_MAX_MEMBERS})` },
      ...(members === DEFAULT_MAX_MEMBERS ? [] : [{ members, label: 'this room' }]),
    ],
    level: { kbps: DEFAULT_UPLINK_KBPS, label: `default uplink budget, ${DEFAULT_UPLINK_KBPS} kbit/s` },
  });
  const root = el(
    'div',
    {},
    el('h3', {}, `A room of ${members}`),
    table.root,
    stop,
    el('h3', {}, 'Every size'),
    chart,
    el(
      'p',
      {},
      'Lines are what each member wants to send at full size; past the dotted budget line, the uplink budget shrinks each copy instead (a smaller picture). ',
      'The mesh line turns dashed where a mesh room refuses members.',
    ),
    el('h3', {}, 'Measured'),
    labelled(el('p', {}, measuredText(model)), 'Measured'),
  );
  root.style.fontFamily = 'system-ui, sans-serif';
  return root;
}

/** Whether each transport takes a room this size, in words. */
function fitsText({ members, mesh, janus }: UplinkModel): string {
  const meshSays = mesh.fits
    ? `The mesh takes ${members} of at most ${mesh.maxMembers}.`
    : `The mesh stops at ${mesh.maxMembers}: member ${mesh.maxMembers + 1} is refused (room-full).`;
  const janusSays = janus.fits ? `Janus takes ${members} of at most ${janus.maxMembers}.` : `Janus stops at ${janus.maxMembers}.`;
  return `${meshSays} ${janusSays} Each mesh member keeps ${mesh.connections} connections; each Janus member ${janus.connections}.`;
}

/** The bench's figures beside the model's for the same rooms. */
function measuredText(model: UplinkModel): string {
  const { from, to, meshGrowth, janusGrowth, janusOfMesh } = BENCH_FIGURES;
  const modelGrowth = (cost: (size: UplinkModel) => MemberCost) =>
    (cost(uplinkModel(to, { streamKbps: 1 })).wantedKbps / cost(uplinkModel(from, { streamKbps: 1 })).wantedKbps).toFixed(0);
  return (
    `The janus bench suite (npm run bench -- janus) measured real rooms, each member a page of its own on one 2-core machine: ` +
    `from ${from} to ${to} members a member’s uplink grew ${janusGrowth}x on Janus and ${meshGrowth}x on the mesh ` +
    `(the model: ${modelGrowth((size) => size.janus)}x and ${modelGrowth((size) => size.mesh)}x), and at ${to} a Janus member sent ${janusOfMesh}x what a mesh member did. ` +
    `The mesh grew less than the model says because ${to} members on one machine encode ${to * (to - 1)} copies on 2 cores: the encoders shed size and frames. ` +
    `It counted the connections too: 2(N − 1) per mesh member (${model.mesh.connections} in a room of ${model.members}), ${model.janus.connections} per Janus member.`
  );
}

function modelOptions(args: MeshVersusServerArgs): UplinkModelOptions {
  return { streamKbps: Math.max(1, args.kbps), layers: clamp(Math.round(args.layers), 1, 3) };
}

const kbit = (kbps: number): string => `${Math.round(kbps)} kbit/s`;

function clamp(value: number, least: number, most: number): number {
  return Math.min(most, Math.max(least, Number.isFinite(value) ? value : least));
}
