/**
 * Joining with a preview, switching devices in the room, and starting sound, as people do it
 * against `npm start`. Chromium's fake capture here has three cameras, so a member can switch
 * between them: fake_device_0 and fake_device_2 deliver I420, fake_device_1 is a depth camera
 * (Y16) that shows in a <video> but that WebRTC never encodes.
 */
import { randomUUID } from 'node:crypto';
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { HUB_URL } from '../playwright.config.ts';
import { CHROMIUM_ARGS, findChromium } from '../tools/chromium.ts';
import { hubPages } from './hubPages.ts';
import { installMediaProbe, readInboundMedia } from './mediaProbe.ts';

/** The test browsers' flags with `replaced` ones (by name) set anew. */
function launchOptions(replaced: readonly string[]) {
  const names = new Set(replaced.map((flag) => flag.split('=')[0]));
  const executablePath = findChromium();
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [...CHROMIUM_ARGS.filter((flag) => !names.has(flag.split('=')[0])), ...replaced],
  };
}

test.use({ baseURL: HUB_URL, launchOptions: launchOptions(['--use-fake-device-for-media-stream=device-count=3']) });

const pages = hubPages();
test.afterEach(() => pages.closeAll());

/*
 * The browser shapes the page-side functions below touch: this file is Node code to the type
 * checker (no DOM library), and those functions are serialised into the page, so they reach the
 * page's globals through `globalThis` with these declared.
 */
type PageTrack = { readonly kind: string; readonly label: string; readonly readyState: string; stop(): void };
type PageStream = { getTracks(): PageTrack[]; getVideoTracks(): PageTrack[] };
/** The one <video> read here, which is on the page when it is read. */
type PageVideo = { readonly srcObject: PageStream | null };
type PageDevice = { readonly kind: string; readonly label: string; readonly deviceId: string };
type PageMediaDevices = {
  getUserMedia(constraints: unknown): Promise<PageStream>;
  enumerateDevices(): Promise<PageDevice[]>;
};
type PageConnection = { readonly signalingState: string; getSenders(): { readonly track: PageTrack | null }[] };
type PageAudioContext = { readonly state: string };
type PageNavigator = { readonly navigator: { readonly mediaDevices: PageMediaDevices } };

const link = (room: string, name: string, media: string) => `/?${new URLSearchParams({ room, name, media })}`;
const roster = (page: Page) => page.getByRole('list', { name: 'People in the room' });

/** Every track the page's getUserMedia hands out, kept at `__tracks`; `__asked` counts the calls. */
function recordTracks(): void {
  const page = globalThis as unknown as PageNavigator & { __tracks: PageTrack[]; __asked: number };
  const devices = page.navigator.mediaDevices;
  const original = devices.getUserMedia.bind(devices);
  page.__tracks = [];
  page.__asked = 0;
  devices.getUserMedia = async (constraints) => {
    page.__asked++;
    const stream = await original(constraints);
    page.__tracks.push(...stream.getTracks());
    return stream;
  };
}

/** The labels of the video tracks this page sends on its calls. */
const sentVideoLabels = (page: Page) =>
  page.evaluate(() => {
    const made = (globalThis as unknown as { __mediaProbe: { made: PageConnection[] } }).__mediaProbe.made;
    return made
      .filter((pc) => pc.signalingState !== 'closed')
      .flatMap((pc) => pc.getSenders())
      .flatMap((sender) => (sender.track?.kind === 'video' ? [sender.track.label] : []));
  });

test('the fake capture offers three cameras, by name once permission is given', async ({ browser }) => {
  const page = await pages.open(browser, '/');
  const cameras = await page.evaluate(async () => {
    const { mediaDevices } = (globalThis as unknown as PageNavigator).navigator;
    const stream = await mediaDevices.getUserMedia({ video: true });
    for (const track of stream.getTracks()) track.stop();
    return (await mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput').map((d) => d.label);
  });
  expect(cameras).toEqual(['fake_device_0', 'fake_device_1', 'fake_device_2']);
});

test('the join screen previews the chosen camera with a level meter, hands it to the room, and remembers the name', async ({ browser }) => {
  const room = `devices-${randomUUID().slice(0, 8)}`;
  const page = await pages.open(browser, `/?room=${room}`, async (context) => {
    await context.addInitScript(recordTracks);
    await context.addInitScript(installMediaProbe);
  });
  const preview = page.getByRole('region', { name: 'Preview' });
  await expect(preview.getByLabel('Camera preview')).toBeVisible();
  await expect(preview.getByRole('meter', { name: 'Microphone level' })).toBeVisible();
  const camera = preview.getByRole('combobox', { name: 'Camera' });
  await expect(camera.locator('option')).toHaveText(['fake_device_0', 'fake_device_1', 'fake_device_2']);
  await expect(preview.getByRole('combobox', { name: 'Microphone' })).toBeEnabled();
  await camera.selectOption({ label: 'fake_device_1' });
  const previewed = () =>
    page.evaluate(() => {
      const { document } = globalThis as unknown as { document: { querySelector(selector: string): PageVideo } };
      return document.querySelector('video.join-preview-video').srcObject?.getVideoTracks()[0]?.label;
    });
  await expect.poll(previewed).toBe('fake_device_1');
  const askedBeforeJoin = await page.evaluate(() => (globalThis as unknown as { __asked: number }).__asked);

  await page.getByRole('textbox', { name: 'Your name' }).fill('Pia');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(roster(page).getByText('Pia (you)')).toBeVisible();
  // The previewed camera went on into the room: no second request, fake_device_1 on the stage.
  expect(await page.evaluate(() => (globalThis as unknown as { __asked: number }).__asked)).toBe(askedBeforeJoin);
  const liveTracks = () =>
    page.evaluate(() =>
      (globalThis as unknown as { __tracks: PageTrack[] }).__tracks.filter((t) => t.readyState === 'live').map((t) => t.label),
    );
  expect((await liveTracks()).sort()).toEqual(['Fake Default Audio Input', 'fake_device_1'].sort());

  await page.getByRole('button', { name: 'Leave' }).click();
  await expect(page.getByRole('button', { name: 'Join' })).toBeVisible();
  // Every track of the session stopped when it ended; the join screen's new preview has its own.
  const tracksNow = await page.evaluate(() => (globalThis as unknown as { __tracks: PageTrack[] }).__tracks.map((t) => t.readyState));
  expect(tracksNow.slice(0, -2).every((state) => state === 'ended')).toBe(true);

  // Next visit: the name and the camera are remembered.
  await page.goto(`/?room=${room}`);
  await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Pia');
  await expect(page.getByRole('region', { name: 'Preview' }).getByRole('combobox', { name: 'Camera' })).toHaveValue(
    await page.evaluate(async () => {
      const { mediaDevices } = (globalThis as unknown as PageNavigator).navigator;
      return (await mediaDevices.enumerateDevices()).find((d) => d.label === 'fake_device_1')!.deviceId;
    }),
  );
  // A link's name wins over the remembered one.
  await page.goto(`/?${new URLSearchParams({ name: 'Quinn' })}`);
  await expect(page.getByRole('textbox', { name: 'Your name' })).toHaveValue('Quinn');
});

test('a member switches camera in the room without leaving: the new camera is sent on the same calls, and nobody leaves or rejoins', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const room = `devices-${randomUUID().slice(0, 8)}`;
  const withProbe = (context: { addInitScript(script: () => void): Promise<unknown> }) => context.addInitScript(installMediaProbe);
  const ada = await pages.open(browser, link(room, 'Ada', 'camera'), withProbe);
  const bo = await pages.open(browser, link(room, 'Bo', 'synthetic'), withProbe);
  await expect(roster(ada).getByText('Bo', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(roster(bo).getByText('Ada', { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect.poll(() => sentVideoLabels(ada), { timeout: 20_000 }).toEqual(['fake_device_0']);
  const framesFromAda = async () => (await bo.evaluate(readInboundMedia)).videoFramesDecoded;
  await expect.poll(framesFromAda, { timeout: 20_000 }).toBeGreaterThan(0);
  const connectionsBefore = await bo.evaluate(
    () => (globalThis as unknown as { __mediaProbe: { made: unknown[] } }).__mediaProbe.made.length,
  );
  const names = () => roster(bo).locator('.member-name').allTextContents();
  const rosterBefore = await names();

  // To fake_device_2, not fake_device_1: the depth camera's Y16 frames are never encoded (a bare
  // RTCPeerConnection in headless Chromium 156 sends fake_device_1 with framesEncoded 0 and
  // media-source frames 0, replaceTrack or not), so Bo could not see it whatever the room does.
  const picker = ada.getByRole('region', { name: 'Switch devices' });
  await picker.getByRole('combobox', { name: 'Camera' }).selectOption({ label: 'fake_device_2' });
  await expect.poll(() => sentVideoLabels(ada), { timeout: 10_000 }).toEqual(['fake_device_2']);
  expect(await bo.evaluate(() => (globalThis as unknown as { __mediaProbe: { made: unknown[] } }).__mediaProbe.made.length)).toBe(
    connectionsBefore,
  );
  expect(await names()).toEqual(rosterBefore);
  await expect(roster(ada).getByText('Bo', { exact: true })).toHaveCount(1);

  // Bo goes on decoding Ada, from the new camera.
  const framesAfterSwitch = await framesFromAda();
  await expect.poll(framesFromAda, { timeout: 10_000 }).toBeGreaterThan(framesAfterSwitch + 10);
});

test.describe('sound that waits for a gesture', () => {
  let strict: Browser;
  test.beforeAll(async () => {
    // Autoplay as browsers ship it: Web Audio waits for a click (the other tests allow autoplay).
    // `document-user-activation-required` is Chromium's default; `user-gesture-required` lets a
    // context run in headless Chromium 156 all the same.
    strict = await chromium.launch(launchOptions(['--autoplay-policy=document-user-activation-required']));
  });
  test.afterAll(() => strict.close());

  test('a room opened from a link shows "Click to hear the room"; one click starts sound and the button goes', async () => {
    const room = `sound-${randomUUID().slice(0, 8)}`;
    const page = await pages.open(strict, link(room, 'Sol', 'synthetic'), (context) =>
      context.addInitScript(() => {
        // Every AudioContext the page makes (Tone's among them), to read its state.
        const page = globalThis as unknown as { AudioContext: new (...args: never[]) => PageAudioContext; __contexts: PageAudioContext[] };
        const Original = page.AudioContext;
        page.__contexts = [];
        page.AudioContext = class extends Original {
          constructor(...args: never[]) {
            super(...args);
            page.__contexts.push(this);
          }
        };
      }),
    );
    const states = () => page.evaluate(() => (globalThis as unknown as { __contexts: PageAudioContext[] }).__contexts.map((c) => c.state));
    const prompt = page.getByRole('button', { name: 'Click to hear the room' });
    await expect(prompt).toBeVisible({ timeout: 15_000 });
    expect(await states()).toContain('suspended');
    await prompt.click();
    // Every context runs after the one click, the one that waited among them.
    await expect.poll(async () => (await states()).every((state) => state === 'running')).toBe(true);
    await expect(prompt).toBeHidden();
  });
});
