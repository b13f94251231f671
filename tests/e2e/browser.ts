/**
 * Debian's Chromium for the browser tests: found, never downloaded. A missing browser fails the
 * run with the command that installs it (CI installs it in .ci/run).
 */
import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's real binary first (the /usr/bin/chromium wrapper script prints a harmless shell error). */
export const CHROMIUM_PATHS = ['/usr/lib/chromium/chromium', '/usr/bin/chromium'];

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

export function chromiumPath(): string {
  const override = process.env.NDPLAN_CHROMIUM;
  const found = [override, ...CHROMIUM_PATHS].find((p): p is string => !!p && fs.existsSync(p));
  if (!found)
    throw new Error(
      `No Chromium for the browser tests: none of ${[override, ...CHROMIUM_PATHS].filter(Boolean).join(', ')} exists. ` +
        "Install Debian's package (as root): apt-get update && apt-get install -y chromium — or set NDPLAN_CHROMIUM to a Chromium binary.",
    );
  return found;
}

/**
 * Headless Chromium. playwright-core's launch() gives the browser a fresh temporary user-data
 * directory of its own (and deletes it on close); each test then opens its own context, so no
 * test sees another's storage.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
}
