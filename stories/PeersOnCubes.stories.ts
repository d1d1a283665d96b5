import type { Meta, StoryObj } from '@storybook/html-vite';
import { expect, waitFor } from 'storybook/test';
import { renderLifetime } from './peer-basics/renderLifetime.ts';
import { canvasColourShare, clickCube, cubeColourShare, cubeRects, cubeSize, overlapping, stageWith } from './peers-on-cubes/cubeProbes.ts';
import { membersOf, OTHERS, YOU } from './peers-on-cubes/cubeMembers.ts';
import { CUBES, renderCubes } from './peers-on-cubes/cubesStory.ts';
import { CUBES_API, CUBES_CONCEPTS, CUBES_TEACHES } from './peers-on-cubes/cubesGuide.ts';
import { layoutPlaces, STAGE_ARG_TYPES, STAGE_DEFAULTS, type StageArgs } from './peers-on-cubes/stageArgs.ts';
import { lines, slow } from './rooms/roomProbes.ts';
import { tileColourShare, tileNames } from './peers-on-cubes/tileProbes.ts';
import { stepGuide } from './support/stepGuide.ts';

// The title's number places the step on the learning path (stories/support/learningPath.ts).
const meta: Meta<StageArgs> = {
  title: '5. Peers on cubes',
  tags: ['autodocs'],
  args: STAGE_DEFAULTS,
  argTypes: STAGE_ARG_TYPES,
  parameters: {
    docs: {
      description: {
        component: stepGuide({
          step: 5,
          teaches: CUBES_TEACHES,
          concepts: CUBES_CONCEPTS,
          api: CUBES_API,
          stories: [
            {
              exportName: 'VideoOnCubes',
              name: '1. Video on cubes',
              tryThis: 'every member’s picture on a spinning cube; try the layouts.',
            },
            {
              exportName: 'MembersComeAndGo',
              name: '2. Members come and go',
              tryThis: 'a cube shrinks away and the others glide to new places.',
            },
            { exportName: 'LouderIsBigger', name: '3. Louder is bigger', tryThis: 'cubes grow with their member’s level.' },
            {
              exportName: 'FocusAndSpeaking',
              name: '4. Focus and speaking',
              tryThis: 'click a cube to bring it forward; the speaker’s cube has a rim.',
            },
            { exportName: 'CubesOrTiles', name: '5. Cubes or tiles', tryThis: 'switch to plain video tiles and back.' },
          ],
        }),
      },
    },
  },
};

export default meta;

type Story = StoryObj<StageArgs>;

/** A cube shows its member's picture when most pixels around its centre are that colour. */
const SHOWS_PICTURE = 0.5;

export const VideoOnCubes: Story = {
  name: '1. Video on cubes',
  render: (args, { canvasElement }) => renderCubes(args, canvasElement, renderLifetime(canvasElement)),
  parameters: {
    docs: {
      description: {
        story:
          'The handout’s demo, for a room: every member’s video on a rotating cube of its own, placed at random — ' +
          'but seeded, so a seed always gives the same stage. Change the **layout**, the **seed**, the **spin** ' +
          'or the number of **members** (each a new `joinRoom` in this page). Each cube shows its member’s picture ' +
          'through a `VideoTexture` on an unlit material, so its colour is the picture’s own; the name above it is ' +
          'a sprite with a canvas texture.\n\n' +
          'The stage draws from a timer at 30 fps, not from `requestAnimationFrame`, so ' +
          '`stage.canvas.captureStream(30)` records it smoothly; the spin is in radians per second, the same at any ' +
          'frame rate. The test below reads pixels back from the WebGL canvas at each cube’s projected centre ' +
          '(`stage.screenPosition(id)`) and finds that member’s colour there.\n\n' +
          '```ts\n' +
          "room.peers$.pipe(roomStage({ container, self: { id, name: 'Ada', stream }, layout: randomLayout({ seed: 7 }), spinRadPerSecond: 0.6 }))\n" +
          '  .subscribe((stage) => { /* stage.canvas is the picture to record */ });\n' +
          '```',
      },
    },
  },
  play: async ({ canvasElement, args, step }) => {
    const members = membersOf(Number(args.members));
    const names = members.map(({ name }) => name);
    const shown = await stageWith(canvasElement, names);
    await step('every member, you included, is listed on stage', async () => {
      await waitFor(
        () =>
          expect(
            lines(canvasElement, CUBES.onStage)
              .map((line) => line.replace(' (you)', ''))
              .sort(),
          ).toEqual([...names].sort()),
        slow,
      );
    });
    for (const { name, color } of members) {
      await step(`${name}’s cube shows ${name}’s picture at its centre`, async () => {
        await waitFor(() => expect(cubeColourShare(shown, name, color)).toBeGreaterThan(SHOWS_PICTURE), slow);
      });
    }
    await step('the render loop keeps drawing new frames by itself', async () => {
      const { stage } = shown;
      const drawn = stage.renderer.info.render.frame;
      await expect(stage.rendering).toBe(true);
      await waitFor(() => expect(stage.renderer.info.render.frame).toBeGreaterThan(drawn + 3), slow);
    });
  },
};

export const MembersComeAndGo: Story = {
  name: '2. Members come and go',
  render: (args, { canvasElement }) => renderCubes(args, canvasElement, renderLifetime(canvasElement), { leaveJoin: true }),
  args: { layout: 'ring', moveMs: 600 },
  parameters: {
    docs: {
      description: {
        story:
          'The stage follows the roster: `roomStage` runs `forEachPeer` over `peers$`, so a member’s cube exists for ' +
          'exactly as long as that member is in the room. Press **Cy leaves**: Cy’s room ends, every other member drops ' +
          'Cy from `peers$`, and on this stage Cy’s video element is released at once, its cube shrinks away and its ' +
          'geometry, materials and textures are disposed — GPU memory is freed only by `dispose()`, never by the garbage ' +
          'collector. The layout is asked again for one member fewer and the others **glide** to their new places ' +
          '(`moveMs`) while the camera reframes them. **Cy joins** is a new `joinRoom`, so a new ID and a new cube.\n\n' +
          'Set **moveMs** to 0 to see the jump the glide avoids.',
      },
    },
  },
  play: async ({ canvasElement, canvas, args, userEvent, step }) => {
    const members = membersOf(Number(args.members));
    const names = members.map(({ name }) => name);
    const cy = OTHERS[1];

    /** Each cube stands at one of the layout's places for `count` members, once the glides are over. */
    const atLayoutPlaces = (count: number) => {
      const { stage } = shownStage;
      const key = (x: number, y: number, z: number) => `${x.toFixed(6)},${y.toFixed(6)},${z.toFixed(6)}`;
      const places = layoutPlaces(args, count, stage.canvas.width / stage.canvas.height)
        .map(({ x, y, z }) => key(x, y, z))
        .sort();
      const cubes = stage.memberIds
        .map((id) => {
          const cube = stage.scene.getObjectByName(id);
          if (!cube) throw new Error(`no cube on the stage for ${id}`);
          return cube.position;
        })
        .map(({ x, y, z }) => key(x, y, z))
        .sort();
      expect(cubes).toEqual(places);
    };
    let shownStage = await stageWith(canvasElement, names);
    await step(`${cy.name}’s cube shows ${cy.name}’s picture`, async () => {
      await waitFor(() => expect(cubeColourShare(shownStage, cy.name, cy.color)).toBeGreaterThan(SHOWS_PICTURE), slow);
      await waitFor(() => atLayoutPlaces(names.length), slow);
    });
    await step(`${cy.name} leaves: its cube goes, and the others glide to the layout’s places for one fewer`, async () => {
      await userEvent.click(canvas.getByRole('button', { name: `${cy.name} leaves` }));
      shownStage = await stageWith(
        canvasElement,
        names.filter((name) => name !== cy.name),
      );
      await waitFor(() => expect(canvasColourShare(shownStage, cy.color)).toBe(0), slow);
      await waitFor(() => atLayoutPlaces(names.length - 1), slow);
    });
    await step(`${cy.name} joins again: a new cube, with ${cy.name}’s picture`, async () => {
      await userEvent.click(canvas.getByRole('button', { name: `${cy.name} joins` }));
      shownStage = await stageWith(canvasElement, names);
      await waitFor(() => expect(cubeColourShare(shownStage, cy.name, cy.color)).toBeGreaterThan(SHOWS_PICTURE), slow);
      await waitFor(() => atLayoutPlaces(names.length), slow);
    });
  },
};

export const LouderIsBigger: Story = {
  name: '3. Louder is bigger',
  render: (args, { canvasElement }) => renderCubes(args, canvasElement, renderLifetime(canvasElement), { voices: true }),
  args: { layout: 'grid', levelScale: 0.8 },
  parameters: {
    docs: {
      description: {
        story:
          'Each member talks with a tone of its own (the **Voices** panel switches it at its source, as a person falls ' +
          'quiet, so the whole room hears the change). `roomLevels({ self })` analyses every member’s sound, yourself ' +
          'included, and its map of levels goes to the stage as `levels$`: each cube grows with its member’s level, ' +
          'by up to **levelScale** at 0 dBFS (0 turns audio reactivity off, and no audio is analysed).\n\n' +
          'Levels arrive at the analysis rate (30 a second), which is not the render rate, and jump from one window to ' +
          'the next. So the cube does not jump to each level: every frame its size moves a share ' +
          '`1 − e^(−dt / levelSmoothingMs)` of the way toward it — an exponential approach, the same at any frame rate, ' +
          'never overshooting. Set **levelSmoothingMs** to 0 to see the jitter it smooths away.\n\n' +
          '```ts\n' +
          'const levels$ = room.peers$.pipe(roomLevels({ self: self$ }));\n' +
          'room.peers$.pipe(roomStage({ container, self, levels$, levelScale: 0.8, levelSmoothingMs: 80 })).subscribe();\n' +
          '```',
      },
    },
  },
  play: async ({ canvasElement, canvas, args, userEvent, step }) => {
    const names = membersOf(Number(args.members)).map(({ name }) => name);
    const [bo, cy] = OTHERS;
    const shown = await stageWith(canvasElement, names);
    /** Clearly bigger: more than a tenth of the whole growth range apart. */
    const margin = Number(args.levelScale) / 10;
    const talks = (name: string) => canvas.getByRole('checkbox', { name: `${name} talks` });

    await step('sound runs, and everyone talking makes every cube grow', async () => {
      await waitFor(() => expect(canvas.getByRole('status', { name: 'Sound' })).toHaveTextContent(/^on:/), slow);
      for (const name of names) await waitFor(() => expect(cubeSize(shown, name)).toBeGreaterThan(1 + margin), slow);
    });
    await step(`${cy.name} falls silent: ${cy.name}’s cube shrinks back, and ${bo.name}’s is bigger`, async () => {
      await userEvent.click(talks(cy.name));
      await waitFor(() => expect(cubeSize(shown, cy.name)).toBeLessThan(1 + margin / 2), slow);
      await expect(cubeSize(shown, bo.name)).toBeGreaterThan(cubeSize(shown, cy.name) + margin);
    });
    await step(`${cy.name} talks again and ${bo.name} murmurs (-40 dBFS): now ${cy.name}’s cube is the bigger`, async () => {
      await userEvent.click(talks(cy.name));
      await userEvent.selectOptions(canvas.getByRole('combobox', { name: `Loudness of ${bo.name}` }), '-40');
      await waitFor(() => expect(cubeSize(shown, cy.name)).toBeGreaterThan(cubeSize(shown, bo.name) + margin), slow);
    });
    await step(`${YOU.name} (you) is on stage and heard too`, async () => {
      await expect(cubeSize(shown, YOU.name)).toBeGreaterThan(1 + margin);
    });
  },
};

export const FocusAndSpeaking: Story = {
  name: '4. Focus and speaking',
  render: (args, { canvasElement }) => renderCubes(args, canvasElement, renderLifetime(canvasElement), { voices: true }),
  args: { layout: 'fit', members: 4 },
  parameters: {
    docs: {
      description: {
        story:
          'The hub’s stage arranges cubes with `fitLayout()` (the default): rows and columns chosen for the canvas’s ' +
          'shape, and spaced so that the spheres holding each cube — turned any way, grown to full level, highlighted, ' +
          'label included — are drawn apart. The camera then backs off just enough that every sphere is drawn inside ' +
          'the canvas (`frameSpheres`, an exact projection of each sphere). So no two cubes are ever drawn over each ' +
          'other; `stage.screenRects()` tells where each is drawn (the box around its 8 projected corners).\n\n' +
          '**Click a cube** to focus its member: the stage casts a ray from the click (`Raycaster`) and finds the ' +
          'cube; that member comes forward, at least twice as large, and the others line up beside it. Click it ' +
          'again, or press **Esc**, to let go. For the keyboard, the stage puts a list of buttons (“Focus Bo”) over ' +
          'the cubes: **Tab** to one and it shows as an outline; **Enter** focuses. `stage.focus(id | null)` and ' +
          '`stage.focused$` do the same from code.\n\n' +
          'The **speaking** member’s cube has a rim and is a little larger: `roomLevels` decides who speaks (with ' +
          'hysteresis), and `roomStage` passes its `speaking` on (`stage.setSpeaking`). Switch a voice off in the ' +
          'Voices panel and its rim goes.\n\n' +
          '```ts\n' +
          "stage.focused$.subscribe((id) => console.log(id ?? 'nobody', 'in front'));\n" +
          'for (const [id, rect] of stage.screenRects()) console.log(id, rect.x, rect.y, rect.width, rect.height);\n' +
          '```',
      },
    },
  },
  play: async ({ canvasElement, canvas, args, userEvent, step }) => {
    const names = membersOf(Number(args.members)).map(({ name }) => name);
    const [bo, cy] = OTHERS;
    const shown = await stageWith(canvasElement, names);
    const { stage, idsByName } = shown;
    const boId = idsByName.get(bo.name) ?? '';
    const box = () => stage.canvas.getBoundingClientRect();
    await step('no two cubes are drawn over each other, and all are inside the canvas', async () => {
      // Once every cube has grown in and glided to its place: while they grow, tiny cubes
      // anywhere would pass.
      await waitFor(() => {
        for (const name of names) expect(cubeSize(shown, name)).toBeGreaterThan(0.99);
        expect(overlapping(cubeRects(shown), box())).toEqual([]);
      }, slow);
    });
    await step(`a click on ${bo.name}’s cube brings ${bo.name} forward, larger than the others`, async () => {
      clickCube(shown, bo.name);
      await expect(stage.focused).toBe(boId);
      await waitFor(() => {
        const rects = stage.screenRects();
        const area = (id: string) => (rects.get(id)?.width ?? 0) * (rects.get(id)?.height ?? 0);
        for (const id of stage.memberIds) if (id !== boId) expect(area(boId)).toBeGreaterThan(2 * area(id));
        expect(overlapping(cubeRects(shown), box())).toEqual([]);
      }, slow);
    });
    await step('Esc lets go', async () => {
      await userEvent.keyboard('{Escape}');
      await expect(stage.focused).toBeNull();
    });
    await step(`the keyboard: ${bo.name}’s focus button, then Enter`, async () => {
      const button = canvas.getByRole('button', { name: `Focus ${bo.name}` });
      button.focus();
      await userEvent.keyboard('{Enter}');
      await expect(button).toHaveAttribute('aria-pressed', 'true');
      await expect(stage.focused).toBe(boId);
      await userEvent.keyboard('{Escape}');
      await expect(button).toHaveAttribute('aria-pressed', 'false');
    });
    await step(`everyone talks, so ${cy.name}’s cube is highlighted; silent, the rim goes`, async () => {
      const cyId = idsByName.get(cy.name) ?? '';
      await waitFor(() => expect(canvas.getByRole('status', { name: 'Sound' })).toHaveTextContent(/^on:/), slow);
      await waitFor(() => expect(stage.isSpeaking(cyId)).toBe(true), slow);
      await userEvent.click(canvas.getByRole('checkbox', { name: `${cy.name} talks` }));
      await waitFor(() => expect(stage.isSpeaking(cyId)).toBe(false), slow);
    });
  },
};

export const CubesOrTiles: Story = {
  name: '5. Cubes or tiles',
  render: (args, { canvasElement }) => renderCubes(args, canvasElement, renderLifetime(canvasElement), { tiles: true }),
  args: { layout: 'fit' },
  parameters: {
    docs: {
      description: {
        story:
          'The hub shows the room two ways, switched by **Cubes** / **Tiles** (two buttons with `aria-pressed`): ' +
          'the stage, and a plain grid of video tiles with each member’s name and the speaker outlined. The tiles ' +
          'are drawn into one 2D canvas (`drawImage` of each member’s `<video>`, names with `fillText`, never ' +
          'markup), so the recorder records either view the same way: `canvas.captureStream(30)`. The view not ' +
          'shown rests (its loop stops) unless a recording of it runs (`renderWhileHidden`).\n\n' +
          '```ts\n' +
          "const shown = stageViews(box, { peers$: room.peers$, self: { id, name: 'Ada', stream }, levels$ })\n" +
          '  .subscribe((views) => record(views.recorded));  // the view shown: views.stage or views.tiles\n' +
          '```',
      },
    },
  },
  play: async ({ canvasElement, canvas, args, userEvent, step }) => {
    const members = membersOf(Number(args.members));
    const shown = await stageWith(
      canvasElement,
      members.map(({ name }) => name),
    );
    await step('Tiles: every member’s tile, named, in one canvas; the stage rests', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Tiles' }));
      await expect(canvas.getByRole('button', { name: 'Tiles' })).toHaveAttribute('aria-pressed', 'true');
      const tiles = canvas.getByRole('img', { name: /^Video tiles: / });
      await waitFor(() => expect(tileNames(tiles).sort()).toEqual(members.map(({ name }) => name).sort()), slow);
      await expect(tiles).toBeVisible();
      await expect(shown.stage.rendering).toBe(false);
    });
    await step('each tile shows its member’s picture', async () => {
      const tiles = canvas.getByRole('img', { name: /^Video tiles: / }) as HTMLCanvasElement;
      // Tiles are in the order the canvas's name lists them: you first, then the roster's.
      const order = tileNames(tiles);
      for (const { name, color } of members) {
        await waitFor(
          () => expect(tileColourShare(tiles, order.length, order.indexOf(name), color), name).toBeGreaterThan(SHOWS_PICTURE),
          slow,
        );
      }
    });
    await step('Cubes: the stage again', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Cubes' }));
      await expect(shown.stage.canvas).toBeVisible();
      await expect(shown.stage.rendering).toBe(true);
    });
  },
};
