// Entry of the `lodyn` command line: global options, then one subcommand per module in commands/.
import { Command, CommanderError } from 'commander';
import { APP_VERSION } from '../engine/app-version';
import { commandModules } from './commands';
import { reportError, stdio } from './io';

const program = new Command('lodyn')
  .description('Library of Dynamics: simulate, catalogue and infer the dynamics of spiking networks')
  .version(APP_VERSION)
  .option('--data <dir>', 'data folder (LODYN_HOME takes precedence; default: the OS app-data folder)')
  .showHelpAfterError()
  .exitOverride();

for (const mod of commandModules) mod.register(program, stdio);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  if (err instanceof CommanderError) {
    process.exitCode = err.exitCode;
  } else {
    reportError(err, process.argv.includes('--json'));
  }
}
