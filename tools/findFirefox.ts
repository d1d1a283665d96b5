/**
 * Prints the Firefox that tests will use (see tools/firefox.ts) and exits 0, or exits 1 when
 * there is none. `.ci/run` installs Debian's `firefox-esr` then.
 */
import { findFirefox } from './firefox.ts';

const path = findFirefox();
if (path) console.log(path);
process.exit(path ? 0 : 1);
