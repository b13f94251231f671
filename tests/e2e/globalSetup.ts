/** Builds the pages once (production, as shipped) into a temporary directory and serves it on a random port. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromiumPath } from './browser';

interface Served {
  url: string;
  close(): Promise<void>;
}

// The scripts are plain Node modules shared with `npm run preview`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { build } = require('../../scripts/preview.js') as {
  build(o: { mode: string; outDir: string }): Promise<unknown>;
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serve } = require('../../scripts/serve.js') as {
  serve(dir: string, o: { port: number }): Promise<Served>;
};

export default async function globalSetup(): Promise<void> {
  chromiumPath(); // fail at once, with the install command, when there is no browser
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ndplan-e2e-'));
  const started = Date.now();
  await build({ mode: 'production', outDir: dir });
  const served = await serve(dir, { port: 0 });
  process.env.NDPLAN_PREVIEW_URL = `${served.url}/preview.html`;
  (globalThis as { __ndplanE2e?: { dir: string; served: Served } }).__ndplanE2e = { dir, served };
  console.log(
    `\ne2e: built the pages in ${((Date.now() - started) / 1000).toFixed(1)} s; serving ${served.url}`,
  );
}
