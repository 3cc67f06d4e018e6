// Every CLI command module; each exports `register(program, io)`. Add one line per command.
import type { Command } from 'commander';
import type { CliIo } from '../io';
import * as info from './info';
import * as sbibm from './sbibm';
import * as serve from './serve';
import * as library from './library';
import * as space from './space';
import * as spec from './spec';
import * as simulate from './simulate';
import * as exportBrian2 from './export-brian2';
import * as metrics from './metrics';
import * as posterior from './posterior';

export const commandModules: { register(program: Command, io: CliIo): void }[] = [
  info,
  sbibm,
  serve,
  library,
  space,
  spec,
  simulate,
  exportBrian2,
  metrics,
  posterior,
];
