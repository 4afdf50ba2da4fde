// The support-staff commands, one row each. Capabilities add theirs here.
import type { CliIO } from './io';

export interface CliCommand {
  name: string;
  usage: string;
  run(args: string[], io: CliIO): Promise<number>;
}

export const commandTable: CliCommand[] = [];
