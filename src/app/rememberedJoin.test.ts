import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../room/protocol.ts';
import {
  joinDefaults,
  type JoinMemory,
  MAX_DEVICE_ID_LENGTH,
  readRememberedJoin,
  REMEMBERED_JOIN_KEY,
  rememberJoin,
} from './rememberedJoin.ts';

/** A storage of one map, as localStorage behaves. */
function memory(initial: Record<string, string> = {}): JoinMemory & { readonly items: Map<string, string> } {
  const items = new Map(Object.entries(initial));
  return { items, getItem: (key) => items.get(key) ?? null, setItem: (key, value) => void items.set(key, value) };
}

const stored = (value: unknown) => memory({ [REMEMBERED_JOIN_KEY]: typeof value === 'string' ? value : JSON.stringify(value) });

describe('rememberedJoin', () => {
  it('remembers the name and devices of a join, not its room or passphrase, and reads them back', () => {
    const kept = memory();
    rememberJoin({ room: 'jam', name: 'Ada', media: 'camera', passphrase: 'secret', camera: 'cam-1', microphone: 'mic-2' }, kept);
    expect(kept.items.get(REMEMBERED_JOIN_KEY)).not.toContain('secret');
    expect(kept.items.get(REMEMBERED_JOIN_KEY)).not.toContain('jam');
    expect(readRememberedJoin(kept)).toEqual({ name: 'Ada', camera: 'cam-1', microphone: 'mic-2' });
  });

  it('reads nothing from an empty storage, or none at all', () => {
    expect(readRememberedJoin(memory())).toEqual({});
    expect(readRememberedJoin(undefined)).toEqual({});
  });

  it.each([
    ['text that is not JSON', '{name: Ada'],
    ['JSON that is no object', '"Ada"'],
    ['an array', '["Ada"]'],
    ['null', 'null'],
    ['a huge value', JSON.stringify({ name: 'Ada', junk: 'x'.repeat(5_000) })],
  ])('ignores %s', (_, text) => {
    expect(readRememberedJoin(stored(text))).toEqual({});
  });

  it('keeps the valid fields of a record and drops the hostile ones', () => {
    expect(readRememberedJoin(stored({ name: 42, camera: 'cam-1', microphone: { toString: 'x' } }))).toEqual({ camera: 'cam-1' });
    expect(readRememberedJoin(stored({ name: 'x'.repeat(MAX_NAME_LENGTH + 1) }))).toEqual({});
    expect(readRememberedJoin(stored({ name: '   ' }))).toEqual({});
    expect(readRememberedJoin(stored({ name: ' Bo ', camera: 'has space', microphone: 'x'.repeat(MAX_DEVICE_ID_LENGTH + 1) }))).toEqual({
      name: 'Bo',
    });
    expect(readRememberedJoin(stored({ name: 'Cy', camera: '<img src=x>\n' }))).toEqual({ name: 'Cy' });
  });

  it('survives a storage that throws on read or write', () => {
    const broken: JoinMemory = {
      getItem: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
    };
    expect(readRememberedJoin(broken)).toEqual({});
    expect(() => rememberJoin({ room: 'jam', name: 'Ada', media: 'none' }, broken)).not.toThrow();
  });

  it("starts the join screen from the remembered name, but a link's name wins", () => {
    const kept = stored({ name: 'Ada', camera: 'cam-1' });
    expect(joinDefaults({ room: 'jam' }, '?room=jam', kept)).toEqual({ name: 'Ada', camera: 'cam-1', room: 'jam' });
    expect(joinDefaults({ room: 'jam' }, '?room=jam&name=%20Bo%20', kept)).toEqual({ name: 'Bo', camera: 'cam-1', room: 'jam' });
    expect(joinDefaults({}, `?name=${'y'.repeat(500)}`, kept).name).toHaveLength(MAX_NAME_LENGTH);
  });
});
