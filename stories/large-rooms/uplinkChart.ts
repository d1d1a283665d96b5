/**
 * A small SVG chart of a member's uplink against the room's size: lines for what a model says,
 * dots for what was measured, upright marks for sizes that matter (where the mesh stops, this
 * room). Drawn with plain SVG elements, every label as text: no chart library for a few lines.
 */

/** A point of the chart: a room of `members`, a member sending `kbps`. */
export interface ChartPoint {
  readonly members: number;
  readonly kbps: number;
}

export interface ChartLine {
  readonly name: string;
  readonly color: string;
  readonly points: readonly ChartPoint[];
  /** From this many members on, the line is dashed: a size the transport does not take. */
  readonly dashedFrom?: number;
}

export interface ChartDot extends ChartPoint {
  readonly color: string;
  /** Said when hovered, and read by a screen reader. */
  readonly label: string;
}

export interface ChartMark {
  readonly members: number;
  readonly label: string;
}

export interface UplinkChartOptions {
  /** Its accessible name. */
  readonly title: string;
  /** The x axis runs from 2 members to this many. */
  readonly mostMembers: number;
  readonly lines: readonly ChartLine[];
  readonly dots?: readonly ChartDot[];
  readonly marks?: readonly ChartMark[];
  /** A level across the chart, dashed: a budget. */
  readonly level?: { readonly kbps: number; readonly label: string };
}

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 560;
const HEIGHT = 260;
const PLOT = { left: 64, right: 16, top: 16, bottom: 40 } as const;

/**
 * The chart, `role="img"` named by `title`.
 *
 * @example
 * ```ts
 * uplinkChart({ title: 'Uplink', mostMembers: 10, lines: [{ name: 'mesh', color: '#b33', points: [{ members: 2, kbps: 300 }] }] });
 * ```
 */
export function uplinkChart(options: UplinkChartOptions): SVGSVGElement {
  const { lines, dots = [], marks = [], level } = options;
  const mostMembers = Math.max(3, options.mostMembers);
  const highest = Math.max(
    1,
    ...lines.flatMap((line) => line.points.map((point) => point.kbps)),
    ...dots.map((dot) => dot.kbps),
    level?.kbps ?? 0,
  );
  const top = niceCeiling(highest);
  const x = (members: number) => PLOT.left + ((members - 2) / (mostMembers - 2)) * (WIDTH - PLOT.left - PLOT.right);
  const y = (kbps: number) => HEIGHT - PLOT.bottom - (kbps / top) * (HEIGHT - PLOT.top - PLOT.bottom);

  const svg = svgElement('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, width: String(WIDTH), height: String(HEIGHT), role: 'img' });
  svg.setAttribute('aria-label', options.title);
  svg.append(svgElement('title', {}, options.title));
  const axes = svgElement('g', { stroke: '#888', 'font-size': '11', 'font-family': 'system-ui, sans-serif' });
  axes.append(svgElement('line', { x1: num(PLOT.left), y1: num(y(0)), x2: num(WIDTH - PLOT.right), y2: num(y(0)) }));
  axes.append(svgElement('line', { x1: num(PLOT.left), y1: num(PLOT.top), x2: num(PLOT.left), y2: num(y(0)) }));
  for (const members of memberTicks(mostMembers)) {
    axes.append(
      svgElement('text', { x: num(x(members)), y: num(y(0) + 14), 'text-anchor': 'middle', stroke: 'none', fill: '#444' }, String(members)),
    );
  }
  for (let step = 0; step <= 4; step++) {
    const kbps = (top * step) / 4;
    axes.append(
      svgElement(
        'text',
        { x: num(PLOT.left - 6), y: num(y(kbps) + 4), 'text-anchor': 'end', stroke: 'none', fill: '#444' },
        String(Math.round(kbps)),
      ),
    );
  }
  axes.append(
    svgElement(
      'text',
      { x: num(WIDTH / 2), y: num(HEIGHT - 6), 'text-anchor': 'middle', stroke: 'none', fill: '#444' },
      'members in the room',
    ),
  );
  axes.append(svgElement('text', { x: '12', y: num(PLOT.top - 4), stroke: 'none', fill: '#444' }, 'kbit/s each member sends'));
  svg.append(axes);

  if (level) {
    svg.append(
      svgElement('line', {
        x1: num(PLOT.left),
        x2: num(WIDTH - PLOT.right),
        y1: num(y(level.kbps)),
        y2: num(y(level.kbps)),
        stroke: '#999',
        'stroke-dasharray': '2 3',
      }),
    );
    // On the left, where the lines are lowest: a rising line crosses the level on the right.
    svg.append(text(PLOT.left + 4, y(level.kbps) - 4, level.label, '#666', 'start'));
  }
  for (const mark of marks.filter((candidate) => candidate.members >= 2 && candidate.members <= mostMembers)) {
    svg.append(
      svgElement('line', { x1: num(x(mark.members)), x2: num(x(mark.members)), y1: num(PLOT.top), y2: num(y(0)), stroke: '#bbb' }),
    );
    // A mark near the right edge is labelled on its left, inside the chart.
    const onLeft = mark.members > 2 + (mostMembers - 2) * 0.6;
    svg.append(text(x(mark.members) + (onLeft ? -4 : 4), PLOT.top + 10, mark.label, '#555', onLeft ? 'end' : 'start'));
  }
  for (const line of lines) {
    const inside = line.points.filter((point) => point.members <= mostMembers);
    const solid = inside.filter((point) => line.dashedFrom === undefined || point.members <= line.dashedFrom);
    const dashed = line.dashedFrom === undefined ? [] : inside.filter((point) => point.members >= (line.dashedFrom ?? 0));
    svg.append(polyline(solid, line.color, x, y));
    if (dashed.length > 1) svg.append(polyline(dashed, line.color, x, y, '6 4'));
    const last = inside[inside.length - 1];
    if (last) svg.append(text(x(last.members) - 4, y(last.kbps) - 6, line.name, line.color, 'end'));
  }
  for (const dot of dots.filter((candidate) => candidate.members <= mostMembers)) {
    const circle = svgElement('circle', { cx: num(x(dot.members)), cy: num(y(dot.kbps)), r: '5', fill: dot.color, stroke: '#fff' });
    circle.append(svgElement('title', {}, dot.label));
    svg.append(circle);
  }
  return svg;
}

/** A round number at or above `value` (1 to 10 times a power of ten, in steps a quarter divides well), for the y axis' top. */
function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10].find((candidate) => candidate * power >= value * 1.05) ?? 10;
  return step * power;
}

/** Every size up to 12, else a tick every 2, 5 or 10 members. */
function memberTicks(mostMembers: number): number[] {
  const step = mostMembers <= 12 ? 1 : mostMembers <= 24 ? 2 : mostMembers <= 60 ? 5 : 10;
  const ticks = [2];
  for (let members = step; members <= mostMembers; members += step) if (members > 2) ticks.push(members);
  return ticks;
}

function polyline(
  points: readonly ChartPoint[],
  color: string,
  x: (members: number) => number,
  y: (kbps: number) => number,
  dash?: string,
): SVGElement {
  return svgElement('polyline', {
    points: points.map((point) => `${num(x(point.members))},${num(y(point.kbps))}`).join(' '),
    fill: 'none',
    stroke: color,
    'stroke-width': '2',
    ...(dash ? { 'stroke-dasharray': dash } : {}),
  });
}

function text(atX: number, atY: number, content: string, color: string, anchor: 'start' | 'end'): SVGElement {
  return svgElement(
    'text',
    { x: num(atX), y: num(atY), fill: color, 'text-anchor': anchor, 'font-size': '11', 'font-family': 'system-ui, sans-serif' },
    content,
  );
}

const num = (value: number) => value.toFixed(1);

/** An SVG element with `attributes`, and `content` as text (labels are never markup). */
function svgElement<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
  content?: string,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  if (content !== undefined) element.textContent = content;
  return element;
}
