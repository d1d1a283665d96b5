import type { Preview } from '@storybook/html-vite';
import { teardownStory } from '../stories/support/storyTeardown.ts';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
  tags: ['autodocs'],
  // Whatever a story started is released when the next one starts (stories/support).
  beforeEach: () => teardownStory,
};

export default preview;
