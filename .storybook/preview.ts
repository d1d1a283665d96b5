import type { Preview } from '@storybook/html-vite';
import { teardownStory } from '../stories/support/storyTeardown.ts';

const preview: Preview = {
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    options: {
      // The learning path: the Introduction first, then the steps by the number that starts
      // each title ('1. Peers, data and calls' … '7. The whole hub'; numeric, so a 10 would
      // follow a 9). A new step's stories file joins the path by its title alone. Storybook
      // reads this statically, so it must stay a literal object.
      storySort: { method: 'alphabetical', order: ['Introduction', '*'] },
    },
  },
  tags: ['autodocs'],
  // Whatever a story started is released when the next one starts (stories/support).
  beforeEach: () => teardownStory,
};

export default preview;
