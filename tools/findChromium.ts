/**
 * Prints the Chromium that tests will use (see tools/chromium.ts) and exits 0, or exits 1
 * when there is none besides a Playwright download. `.ci/run` installs Debian's package then.
 */
import { findChromium } from './chromium.ts';

const path = findChromium();
if (path) console.log(path);
process.exit(path ? 0 : 1);
