/**
 * The roster: this member and every other, each with its name (as text), connection state,
 * connection quality in words, speaking indicator and level, and its connection stats on demand.
 */
import { map, Observable, Subscription } from 'rxjs';
import type { MemberAudio } from '../audio/MemberAudio.ts';
import { forEachPeer } from '../room/forEachPeer.ts';
import type { RemotePeer } from '../room/RemotePeer.ts';
import { button, element } from './dom.ts';
import { toLinkQuality } from '../rtc/linkQuality.ts';
import { qualityText } from './qualityText.ts';
import { statsText } from './statsText.ts';

export interface RosterSelf {
  readonly id: string;
  readonly name: string;
}

/** Shown in the meter's range: quieter than this is silence. */
const FLOOR_DB = -60;
/** How often each member's quality is read: a word that changes more often is noise. */
const QUALITY_INTERVAL_MS = 2_000;

/**
 * Keeps `list` filled with one item per member while subscribed; each item is removed when
 * its member leaves, and everything when unsubscribed.
 *
 * @example
 * ```ts
 * const list = document.createElement('ul');
 * const levels$ = room.peers$.pipe(roomLevels({ self: { id: 'me', stream } }));
 * rosterView(list, { id: 'me', name: 'Ada' }, room.peers$, levels$).subscribe();
 * ```
 */
export function rosterView(
  list: HTMLElement,
  self: RosterSelf,
  peers$: Observable<readonly RemotePeer[]>,
  levels$: Observable<ReadonlyMap<string, MemberAudio>>,
): Observable<never> {
  return new Observable<never>((subscriber) => {
    const owned = new Subscription();
    const selfItem = memberItem(self.id, `${self.name} (you)`);
    selfItem.state.textContent = 'connected';
    list.append(selfItem.element);
    const items = new Map<string, MemberItem>([[self.id, selfItem]]);
    owned.add(
      levels$.subscribe((levels) => {
        for (const [id, audio] of levels) items.get(id)?.showAudio(audio);
      }),
    );
    owned.add(
      peers$
        .pipe(
          forEachPeer(
            (peer) =>
              new Observable<never>(() => {
                const item = memberItem(peer.id, peer.name ?? peer.id, peer);
                items.set(peer.id, item);
                list.append(item.element);
                const state = peer.connectionState$.subscribe((connection) => (item.state.textContent = connection));
                const quality = peer
                  .stats({ intervalMs: QUALITY_INTERVAL_MS })
                  .pipe(toLinkQuality())
                  .subscribe((linkQuality) => item.showQuality(linkQuality.level, qualityText(linkQuality)));
                return () => {
                  state.unsubscribe();
                  quality.unsubscribe();
                  item.dispose();
                  items.delete(peer.id);
                  item.element.remove();
                };
              }),
          ),
        )
        .subscribe({ error: (error: unknown) => subscriber.error(error) }),
    );
    return () => {
      owned.unsubscribe();
      for (const item of items.values()) {
        item.dispose();
        item.element.remove();
      }
      items.clear();
    };
  });
}

interface MemberItem {
  readonly element: HTMLLIElement;
  readonly state: HTMLElement;
  showAudio(audio: MemberAudio): void;
  showQuality(level: string, text: string): void;
  dispose(): void;
}

function memberItem(id: string, label: string, peer?: RemotePeer): MemberItem {
  const name = element('span', { class: 'member-name' }, label);
  const state = element('span', { class: 'member-state' }, 'connecting');
  const quality = element('span', { class: 'member-quality', hidden: '' });
  const speaking = element('span', { class: 'member-speaking', hidden: '' }, 'speaking');
  const meter = element('meter', { min: String(FLOOR_DB), max: '0', low: '-45', high: '-12', 'aria-label': `${label} level` });
  meter.value = FLOOR_DB;
  const item = element('li', { class: 'member', 'data-member-id': id }, name, ' ', state, ' ', quality, ' ', speaking, ' ', meter);
  const stats = peer ? statsToggle(peer, label) : undefined;
  if (stats) item.append(' ', stats.element);
  return {
    element: item,
    state,
    showAudio(audio) {
      meter.value = Math.max(FLOOR_DB, audio.levelDb);
      speaking.hidden = !audio.speaking;
      item.classList.toggle('is-speaking', audio.speaking);
    },
    showQuality(level, text) {
      quality.hidden = false;
      quality.textContent = text;
      item.dataset.quality = level;
    },
    dispose: () => stats?.dispose(),
  };
}

/** A "Stats" button that samples the member's connection only while its stats show. */
function statsToggle(peer: RemotePeer, label: string): { element: HTMLElement; dispose(): void } {
  const output = element('output', { class: 'member-stats', hidden: '', 'aria-label': `${label} connection stats` });
  let sampling: Subscription | undefined;
  const toggle = button(
    'Stats',
    () => {
      const showing = sampling === undefined;
      toggle.setAttribute('aria-expanded', String(showing));
      output.hidden = !showing;
      if (showing) {
        output.textContent = 'measuring…';
        sampling = peer
          .stats()
          .pipe(map(statsText))
          .subscribe((text) => (output.textContent = text));
      } else {
        sampling?.unsubscribe();
        sampling = undefined;
      }
    },
    { 'aria-expanded': 'false', 'aria-label': `Stats of ${label}` },
  );
  return {
    element: element('span', {}, toggle, ' ', output),
    dispose: () => sampling?.unsubscribe(),
  };
}
