import { afterEach, describe, expect, it } from 'vitest';
import { colourShare, hexToRgb, readSquare, videoElementLedger } from '../testing/sceneProbes.ts';
import { SceneError } from './SceneError.ts';
import { gridLayout, ringLayout } from './layouts.ts';
import { cleanUp, COLOURS, NAMES, stream, makeStage, shares, shareOnCanvas } from '../testing/stageRig.ts';

afterEach(cleanUp);

describe('Stage', () => {
  it("shows each member's video on its own cube", async () => {
    const stage = makeStage();
    for (const name of NAMES) stage.addMember(name, { name, stream: stream(COLOURS[name]) });
    expect(stage.memberIds).toEqual(NAMES);
    // Video frames arrive asynchronously; poll until every cube shows its member's colour.
    await expect.poll(() => Object.values(shares(stage, NAMES)).every((share) => share > 0.6), { timeout: 10_000 }).toBe(true);
    // Each cube shows its own colour, not a neighbour's: Ada's centre is not Bo's colour.
    const at = stage.screenPosition('ada');
    expect(at).toBeDefined();
    stage.render();
    expect(colourShare(readSquare(stage.renderer, at!.x, at!.y, 4), hexToRgb(COLOURS.bo))).toBe(0);
  });

  it("removes a leaving member's cube and releases its video", async () => {
    const videos = videoElementLedger();
    const stage = makeStage();
    for (const name of NAMES) stage.addMember(name, { name, stream: stream(COLOURS[name]) });
    await expect.poll(() => shareOnCanvas(stage, COLOURS.bo) > 0.005, { timeout: 10_000 }).toBe(true);
    expect(videos.live()).toBe(3);

    stage.removeMember('bo');
    expect(stage.memberIds).toEqual(['ada', 'cy']);
    expect(stage.scene.getObjectByName('bo')).toBeUndefined();
    expect(shareOnCanvas(stage, COLOURS.bo)).toBe(0);
    expect(videos.live()).toBe(2);
    // The others are still shown.
    await expect.poll(() => shareOnCanvas(stage, COLOURS.ada) > 0.005, { timeout: 10_000 }).toBe(true);
  });

  it('shows the name until a stream with video arrives', async () => {
    const videos = videoElementLedger();
    const stage = makeStage();
    stage.addMember('ada', { name: 'Ada' });
    expect(videos.created).toHaveLength(0);
    expect(shareOnCanvas(stage, '#3a3f4b')).toBeGreaterThan(0.01);

    const audioOnly = new MediaStream(stream(COLOURS.ada).getAudioTracks());
    stage.setStream('ada', audioOnly);
    expect(videos.created).toHaveLength(0);

    stage.setStream('ada', stream(COLOURS.ada));
    expect(videos.live()).toBe(1);
    await expect.poll(() => shares(stage, ['ada']).ada, { timeout: 10_000 }).toBeGreaterThan(0.6);
  });

  it('leaks nothing over 50 members joining and leaving', async () => {
    const videos = videoElementLedger();
    const stage = makeStage();
    const shared = stream(COLOURS.cy);
    // One member stays throughout, so that what three shares between objects (the sprite
    // geometry, the shader programs) exists before the baseline is taken.
    stage.addMember('ada', { name: 'Ada', stream: stream(COLOURS.ada) });
    await expect.poll(() => shares(stage, ['ada']).ada, { timeout: 10_000 }).toBeGreaterThan(0.6);
    const { memory } = stage.renderer.info;
    const baseline = {
      geometries: memory.geometries,
      textures: memory.textures,
      programs: stage.renderer.info.programs?.length,
      objects: stage.scene.children.length,
      videos: videos.live(),
    };

    for (let cycle = 0; cycle < 50; cycle++) {
      stage.addMember('guest', { name: `Guest ${cycle}`, stream: shared });
      // Label and video texture; the name face is never drawn, so never uploaded. Waiting for
      // the video texture makes the count cover it.
      const texturesOnceRendered = () => {
        stage.render();
        return memory.textures;
      };
      await expect.poll(texturesOnceRendered, { timeout: 10_000, interval: 10 }).toBe(baseline.textures + 2);
      expect(memory.geometries).toBeGreaterThan(baseline.geometries);
      stage.removeMember('guest');
      stage.render();
    }

    expect({
      geometries: memory.geometries,
      textures: memory.textures,
      programs: stage.renderer.info.programs?.length,
      objects: stage.scene.children.length,
      videos: videos.live(),
    }).toEqual(baseline);
    expect(videos.created).toHaveLength(51);
  });

  it('shrinks a leaving cube away, then disposes it', async () => {
    const videos = videoElementLedger();
    const stage = makeStage({ transitionMs: 150 });
    stage.addMember('ada', { name: 'Ada', stream: stream(COLOURS.ada) });
    const group = stage.scene.getObjectByName('ada');
    // It grows in from nothing on the loop's frames.
    expect(group?.scale.x).toBeLessThan(0.01);
    await expect.poll(() => group?.scale.x, { timeout: 5_000 }).toBe(1);
    const textures = stage.renderer.info.memory.textures;
    stage.removeMember('ada');
    // The video goes at once; the cube stays until the loop has shrunk it away.
    expect(videos.live()).toBe(0);
    expect(stage.memberIds).toEqual([]);
    expect(stage.scene.getObjectByName('ada')).toBeDefined();
    await expect.poll(() => stage.scene.getObjectByName('ada'), { timeout: 5_000 }).toBeUndefined();
    expect(stage.renderer.info.memory.textures).toBeLessThan(textures);
  });

  it('pauses rendering while the page is hidden', () => {
    const page = Object.assign(new EventTarget(), { visibilityState: 'visible' as DocumentVisibilityState });
    const stage = makeStage({ visibility: page });
    expect(stage.rendering).toBe(true);
    page.visibilityState = 'hidden';
    page.dispatchEvent(new Event('visibilitychange'));
    expect(stage.rendering).toBe(false);
    page.visibilityState = 'visible';
    page.dispatchEvent(new Event('visibilitychange'));
    expect(stage.rendering).toBe(true);
  });

  it('keeps rendering while hidden when asked to (a recording runs), and rests again after', () => {
    const page = Object.assign(new EventTarget(), { visibilityState: 'hidden' as DocumentVisibilityState });
    const stage = makeStage({ visibility: page });
    expect(stage.rendering).toBe(false);
    stage.renderWhileHidden = true;
    expect(stage.rendering).toBe(true);
    stage.renderWhileHidden = false;
    expect(stage.rendering).toBe(false);
  });

  it('follows the size of its container', async () => {
    const stage = makeStage();
    const container = stage.canvas.parentElement!;
    expect(stage.canvas.width).toBe(480);
    container.style.width = '300px';
    container.style.height = '200px';
    await expect.poll(() => [stage.canvas.width, stage.canvas.height]).toEqual([300, 200]);
    expect(stage.camera.aspect).toBeCloseTo(1.5);
  });

  it('releases everything on dispose, WebGL context included', () => {
    const videos = videoElementLedger();
    const stage = makeStage();
    const container = stage.canvas.parentElement;
    for (const name of NAMES) stage.addMember(name, { name, stream: stream(COLOURS[name]) });
    stage.render();
    const gl = stage.renderer.getContext();
    expect(videos.live()).toBe(3);

    expect(stage.dispose().disposed).toBe(true);
    expect(gl.isContextLost()).toBe(true);
    expect(stage.canvas.isConnected).toBe(false);
    expect(container?.children).toHaveLength(0);
    expect(stage.rendering).toBe(false);
    expect(videos.live()).toBe(0);
    expect(stage.memberIds).toEqual([]);
    expect(() => stage.addMember('late')).toThrow(SceneError);
    expect(stage.dispose().disposed).toBe(true);
  });

  it('tells how large a video is drawn at most: a face seen face on at full level, smaller as members join', async () => {
    const stage = makeStage({ spinRadPerSecond: 0, levelSmoothingMs: 0 });
    stage.addMember('bo', { name: 'bo', stream: stream(COLOURS.bo) });
    expect(stage.videoSize('nobody')).toBeUndefined();
    const alone = stage.videoSize('bo');
    if (!alone) throw new Error('no size for a member on stage');
    expect(alone.width).toBe(alone.height);

    // Drawn as told: turn Bo's cube face on at full level and measure its colour down a few
    // columns near its centre (the synthetic picture's bar runs top to bottom: one column may
    // be all bar, another all colour).
    stage.setLevel('bo', 0);
    stage.scene.getObjectByName('bo')?.children[0]?.rotation.set(0, 0, 0);
    await expect.poll(() => shares(stage, ['bo']).bo, { timeout: 10_000 }).toBeGreaterThan(0.6);
    const at = stage.screenPosition('bo');
    if (!at) throw new Error('bo is not on stage');
    const columnRun = (x: number) => {
      let run = 0;
      for (let y = 0; y < stage.canvas.height; y += 1) {
        if (colourShare(readSquare(stage.renderer, x, y, 0), hexToRgb(COLOURS.bo)) === 1) run += 1;
      }
      return run;
    };
    const drawn = Math.max(...[-40, -20, 0, 20, 40].map((dx) => columnRun(at.x + dx)));
    // Edges blend with the background (antialiasing): a pixel or two each side.
    expect(drawn).toBeGreaterThanOrEqual(alone.height - 4);
    expect(drawn).toBeLessThanOrEqual(alone.height);

    stage.addMember('cy', { name: 'cy', stream: null }).addMember('ada', { name: 'ada', stream: null });
    const amongThree = stage.videoSize('bo');
    expect(amongThree?.width).toBeLessThan(alone.width);
    expect(stage.videoSize('cy')).toEqual(amongThree);
  });

  it('scales a cube with its level, at once without smoothing', () => {
    const stage = makeStage({ levelScale: 0.5, minDb: -60, maxDb: 0, levelSmoothingMs: 0 });
    stage.addMember('ada');
    const mesh = stage.scene.getObjectByName('ada')?.children[0];
    expect(mesh?.scale.x).toBe(1);
    stage.setLevel('ada', 0);
    expect(mesh?.scale.x).toBeCloseTo(1.5);
    stage.setLevel('ada', -30);
    expect(mesh?.scale.x).toBeCloseTo(1.25);
    stage.setLevel('ada', -Infinity);
    expect(mesh?.scale.x).toBe(1);
    stage.setLevel('nobody', 0);
  });

  it('eases a cube toward its level, within its bounds', async () => {
    const stage = makeStage({ levelScale: 0.5, minDb: -60, maxDb: 0, levelSmoothingMs: 100 });
    stage.addMember('ada');
    const mesh = stage.scene.getObjectByName('ada')?.children[0];
    if (!mesh) throw new Error('no cube for ada');
    stage.setLevel('ada', 0);
    // No jump: the size follows on the loop's frames.
    expect(mesh.scale.x).toBe(1);
    const seen: number[] = [];
    const scaleNow = () => {
      seen.push(mesh.scale.x);
      return mesh.scale.x;
    };
    await expect.poll(scaleNow, { timeout: 5_000, interval: 10 }).toBeGreaterThan(1.49);
    // It grew step by step, never shrinking on the way and never past full size.
    expect(seen.some((scale) => scale > 1 && scale < 1.45)).toBe(true);
    for (const [i, scale] of seen.slice(1).entries()) expect(scale).toBeGreaterThanOrEqual(seen[i]!);
    expect(Math.max(...seen)).toBeLessThanOrEqual(1.5);
    // Levels that jump about every frame keep it between its bounds.
    for (let i = 0; i < 20; i++) {
      stage.setLevel('ada', i % 2 === 0 ? 10 : -Infinity);
      await new Promise((resolve) => setTimeout(resolve, 15));
      expect(mesh.scale.x).toBeGreaterThanOrEqual(1);
      expect(mesh.scale.x).toBeLessThanOrEqual(1.5);
    }
    stage.setLevel('ada', -Infinity);
    await expect.poll(() => mesh.scale.x, { timeout: 5_000 }).toBeLessThan(1.01);
  });

  it('glides the cubes to their new places when members join and leave', async () => {
    const layout = gridLayout();
    const stage = makeStage({ layout, moveMs: 200 });
    const group = (id: string) => stage.scene.getObjectByName(id);
    const at = (id: string) => group(id)?.position.toArray();
    const place = (count: number, index: number) => {
      const { x, y, z } = layout(count)[index]!;
      return [x, y, z];
    };
    stage.addMember('ada');
    // A member's first place is taken at once: it grows in there.
    expect(at('ada')).toEqual(place(1, 0));
    const cameraBefore = stage.camera.position.toArray();

    stage.addMember('bo');
    expect(at('bo')).toEqual(place(2, 1));
    // Ada does not jump to her new place; the loop glides her there, and the camera with her.
    expect(at('ada')).toEqual(place(1, 0));
    expect(stage.camera.position.toArray()).toEqual(cameraBefore);
    const xs: number[] = [];
    const adaNow = () => {
      xs.push(group('ada')!.position.x);
      return at('ada');
    };
    await expect.poll(adaNow, { timeout: 5_000, interval: 10 }).toEqual(place(2, 0));
    expect(xs.some((x) => x < place(1, 0)[0]! && x > place(2, 0)[0]!)).toBe(true);

    // Bo leaves: Ada glides back to the middle, and ends exactly there.
    stage.removeMember('bo');
    expect(at('ada')).toEqual(place(2, 0));
    await expect.poll(() => at('ada'), { timeout: 5_000 }).toEqual(place(1, 0));
  });

  it('draws each cube at its layout place once the glides are over', async () => {
    const layout = ringLayout();
    const stage = makeStage({ layout, moveMs: 100 });
    for (const name of NAMES) stage.addMember(name, { name, stream: stream(COLOURS[name]) });
    // After the relayouts of three joins, every cube shows its colour at its ring place.
    await expect.poll(() => Object.values(shares(stage, NAMES)).every((share) => share > 0.6), { timeout: 10_000 }).toBe(true);
    for (const [i, { x, y, z }] of layout(3).entries()) {
      expect(stage.scene.getObjectByName(NAMES[i]!)?.position.toArray()).toEqual([x, y, z]);
    }
  });
});
