import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_MEMBERS } from '../JoinOptions.ts';
import { DEFAULT_UPLINK_KBPS } from '../splitUplink.ts';
import { DEFAULT_JANUS_MAX_MEMBERS } from './JanusRoom.ts';
import { layersWithin } from './simulcastLayers.ts';
import { JANUS_CONNECTIONS, simulcastShare, uplinkModel } from './uplinkModel.ts';

describe('uplinkModel', () => {
  it('has a mesh member send once per other member on two connections per pair, and a Janus member once on three', () => {
    const two = uplinkModel(2, { streamKbps: 300 });
    const eight = uplinkModel(8, { streamKbps: 300, uplinkKbps: Number.POSITIVE_INFINITY });
    expect([two.mesh.streams, two.mesh.connections, two.mesh.uplinkKbps]).toEqual([1, 2, 300]);
    expect([eight.mesh.streams, eight.mesh.connections, eight.mesh.uplinkKbps]).toEqual([7, 14, 2_100]);
    expect([eight.janus.streams, eight.janus.connections, eight.janus.uplinkKbps]).toEqual([1, JANUS_CONNECTIONS, 300]);
    // Downstream is the same on both: one copy of each other member.
    expect([eight.mesh.downlinkStreams, eight.janus.downlinkStreams]).toEqual([7, 7]);
    // From 2 to 8 members: 7x on the mesh (the bench measured 4.45x), flat on Janus (1.12x).
    expect(eight.mesh.uplinkKbps / two.mesh.uplinkKbps).toBe(7);
    expect(eight.janus.uplinkKbps / two.janus.uplinkKbps).toBe(1);
  });

  it('never sends more than the budget: past it each copy gets a smaller share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 60 }),
        fc.integer({ min: 50, max: 3_000 }),
        fc.integer({ min: 1, max: 3 }),
        (members, streamKbps, layers) => {
          const { mesh, janus } = uplinkModel(members, { streamKbps, layers });
          for (const cost of [mesh, janus]) {
            expect(cost.uplinkKbps).toBe(Math.min(cost.wantedKbps, DEFAULT_UPLINK_KBPS));
            expect(cost.downlinkStreams).toBe(members - 1);
          }
          expect(mesh.wantedKbps).toBe((members - 1) * streamKbps);
          expect(mesh.connections).toBe(2 * (members - 1));
          expect(janus.wantedKbps).toBeCloseTo(streamKbps * simulcastShare(layers));
          expect(janus.connections).toBe(JANUS_CONNECTIONS);
        },
      ),
    );
  });

  it('marks where each transport stops: the mesh past its 8 members, Janus past 50', () => {
    expect(uplinkModel(DEFAULT_MAX_MEMBERS, { streamKbps: 300 }).mesh.fits).toBe(true);
    expect(uplinkModel(DEFAULT_MAX_MEMBERS + 1, { streamKbps: 300 }).mesh.fits).toBe(false);
    expect(uplinkModel(DEFAULT_MAX_MEMBERS + 1, { streamKbps: 300 }).janus.fits).toBe(true);
    expect(uplinkModel(DEFAULT_JANUS_MAX_MEMBERS + 1, { streamKbps: 300 }).janus.fits).toBe(false);
  });

  it('counts simulcast layers as layersWithin shares a budget among them', () => {
    expect([1, 2, 3].map(simulcastShare)).toEqual([1, 1.5, 1.75]);
    for (const count of [1, 2, 3]) {
      const [top, ...below] = layersWithin(7_064, count).map((layer) => layer.maxBitrate ?? 0);
      const total = (top ?? 0) + below.reduce((sum, bps) => sum + bps, 0);
      expect(total / (top ?? 1)).toBeCloseTo(simulcastShare(count), 3);
    }
    // Two members on Janus with three layers send more than on the mesh: simulcast pays off from three.
    expect(uplinkModel(2, { streamKbps: 300, layers: 3 }).janus.uplinkKbps).toBeGreaterThan(300);
    expect(uplinkModel(3, { streamKbps: 300, layers: 3 }).janus.uplinkKbps).toBeLessThan(600);
  });

  it('throws a RangeError for a room of one, a rate that is no rate and layers Janus does not take', () => {
    expect(() => uplinkModel(1, { streamKbps: 300 })).toThrow(RangeError);
    expect(() => uplinkModel(2.5, { streamKbps: 300 })).toThrow(/members must be a whole number of at least 2, not 2.5/);
    for (const streamKbps of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => uplinkModel(4, { streamKbps })).toThrow(/streamKbps must be a positive number/);
    }
    for (const layers of [0, 4, 1.5]) expect(() => uplinkModel(4, { streamKbps: 300, layers })).toThrow(/layers must be 1 to 3/);
    expect(() => uplinkModel(4, { streamKbps: 300, uplinkKbps: 0 })).toThrow(/uplinkKbps must be a positive number/);
  });
});
