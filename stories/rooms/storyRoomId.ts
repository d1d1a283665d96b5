/**
 * A room name no other render uses: a story re-rendered by a control, and its copy on the
 * docs page, would otherwise join one another's rooms.
 */

/**
 * @example
 * ```ts
 * storyRoomId(); // 'story-3b241101-e2bb-4255-8caf-4136c566a962'
 * ```
 */
export function storyRoomId(): string {
  return `story-${crypto.randomUUID()}`;
}
