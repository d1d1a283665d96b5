/**
 * The hub page's entry: everything happens in `hubApp`.
 */
import { hubApp } from './hubApp.ts';

const main = document.querySelector<HTMLElement>('#app');
if (main) hubApp(main);
