/**
 * What the members do with their voices, live: each talks or not, loudly or quietly. It acts
 * at each member's own source, as a person would, so every member of the room hears it.
 */
import { el } from '../peer-basics/el.ts';
import { DEFAULT_LOUDNESS_DB, type ToneVoice } from './toneVoice.ts';

export interface Voiced {
  readonly name: string;
  readonly voice: ToneVoice;
}

/** RMS levels to choose from, in dBFS: from the tones' usual level down to a murmur. */
const LOUDNESS_DB = [-3, Math.round(DEFAULT_LOUDNESS_DB), -15, -21, -30, -40] as const;

/**
 * A fieldset "Voices": per member a checkbox "{name} talks" and a choice "Loudness of {name}".
 *
 * @example
 * ```ts
 * root.append(voicesPanel([{ name: 'Bo', voice: bo.voice }]));
 * ```
 */
export function voicesPanel(members: readonly Voiced[]): HTMLElement {
  const rows = members.map(({ name, voice }) => {
    const talks = el('input', { type: 'checkbox', checked: voice.talking, onchange: () => voice.talk(talks.checked) });
    const loudness = el(
      'select',
      { onchange: () => voice.setLoudness(Number(loudness.value)) },
      ...LOUDNESS_DB.map((db) => el('option', { value: String(db), selected: db === Math.round(voice.loudnessDb) }, `${db} dBFS`)),
    );
    return el('p', {}, el('label', {}, talks, ` ${name} talks`), ' · ', el('label', {}, `Loudness of ${name} `, loudness));
  });
  const panel = el('fieldset', {}, el('legend', {}, 'Voices (each member’s own tone, switched at its source)'), ...rows);
  panel.style.marginBottom = '1rem';
  return panel;
}
