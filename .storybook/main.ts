import type { StorybookConfig } from '@storybook/html-vite';
import { peerstageServer } from '../src/server/peerstagePlugin.ts';

const config: StorybookConfig = {
  framework: { name: '@storybook/html-vite', options: {} },
  // The Introduction is MDX (attached to the Welcome stories); every step is a stories file.
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // Every story signals through the server that serves it: `storybook dev`, the Vitest browser
  // server of the stories' tests, and (for a static build) `npm start`.
  // Storybook dev already merges vite.config.ts (which has the plugin); the Vitest run of the
  // stories does not. The plugin mounts one PeerServer per HTTP server either way.
  viteFinal: (viteConfig) => ({
    ...viteConfig,
    plugins: [...(viteConfig.plugins ?? []), peerstageServer()],
  }),
};

export default config;
