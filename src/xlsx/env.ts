/**
 * A positive number from an environment variable, where there is an environment: the readers
 * run in Node (CLI) and in the browser (task pane, preview), which has no `process`.
 */
export function envNumber(name: string): number | null {
  const raw = typeof process === 'undefined' ? undefined : process.env?.[name];
  const n = Number(raw);
  return raw !== undefined && Number.isFinite(n) && n > 0 ? n : null;
}
