/** `npm run -s ndplan -- <command> …`: the command line twin of the add-in. */
import { DEFINITIONS } from '../core/templates';
import { TemplateSchema } from '../core/templateSchema';
import { CLI_TEXT, cliLang } from '../i18n/cli';
import { UsageError } from './args';
import { runCheck, type CommandResult } from './check';
import { runConsolidate } from './consolidate';
import { runFormat } from './format';
import { failureLine } from './io';
import { runImport } from './import';
import { runCompare, runDraft } from './lifecycle';

const COMMANDS: Record<string, (argv: string[]) => Promise<CommandResult>> = {
  check: runCheck,
  consolidate: runConsolidate,
  format: runFormat,
  compare: runCompare,
  draft: runDraft,
  import: runImport,
};

export async function main(argv: string[]): Promise<CommandResult> {
  const t = CLI_TEXT[cliLang()];
  // Templates are data: a definition that breaks the schema stops the command before any file is read.
  for (const d of DEFINITIONS) TemplateSchema.parse(d);
  const [cmd, ...rest] = argv;
  // Help is asked for on stdout; every failure is one line on stderr.
  if (cmd === '--help' || cmd === '-h') return { code: 0, stdout: t.usage, stderr: '' };
  if (!cmd) return { code: 2, stdout: '', stderr: `${t.noCommand} (${t.seeHelp})` };
  const run = COMMANDS[cmd];
  if (!run) return { code: 2, stdout: '', stderr: `${t.unknownCommand}: ${cmd} (${t.seeHelp})` };
  try {
    return await run(rest);
  } catch (e) {
    if (e instanceof UsageError)
      return {
        code: 2,
        stdout: '',
        stderr: `${e.message === t.usage ? t.badArguments : e.message} (${t.seeHelp})`,
      };
    return { code: 2, stdout: '', stderr: failureLine(e) };
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((r) => {
    if (r.stdout) process.stdout.write(r.stdout.endsWith('\n') ? r.stdout : `${r.stdout}\n`);
    if (r.stderr) process.stderr.write(r.stderr.endsWith('\n') ? r.stderr : `${r.stderr}\n`);
    process.exitCode = r.code;
  });
}
