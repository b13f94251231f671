/** A small argument parser: positional files and `--name value` / `--flag` options. */
import { CLI_TEXT, cliLang } from '../i18n/cli';

export class UsageError extends Error {}

export interface Parsed {
  positional: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: string[], valued: string[], flags: string[]): Parsed {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const [name, inline] = a.slice(2).split(/=(.*)/s);
      if (flags.includes(name)) options.set(name, true);
      else if (valued.includes(name)) {
        const v = inline ?? argv[++i];
        if (v === undefined) throw new UsageError(`--${name} ${CLI_TEXT[cliLang()].needsValue}`);
        options.set(name, v);
      } else throw new UsageError(`${CLI_TEXT[cliLang()].unknownOption}: ${a}`);
    } else positional.push(a);
  }
  return { positional, options };
}
