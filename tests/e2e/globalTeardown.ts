/** Stops the preview's server and removes the temporary build. */
import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const state = (globalThis as { __ndplanE2e?: { dir: string; served: { close(): Promise<void> } } })
    .__ndplanE2e;
  if (!state) return;
  await state.served.close();
  fs.rmSync(state.dir, { recursive: true, force: true });
}
