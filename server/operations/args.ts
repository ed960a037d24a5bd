/** The arguments of an admin command: positional ones, and `--name value` / `--name=value` flags. */
export interface ParsedArgs {
  positional: string[];
  flags: Record<string, string | true>;
}

export function parseArgs(args: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags: ParsedArgs['flags'] = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const flag = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!flag) {
      positional.push(arg);
      continue;
    }
    const next = args[i + 1];
    if (flag[2] !== undefined) flags[flag[1]!] = flag[2];
    else if (next !== undefined && !next.startsWith('--')) flags[flag[1]!] = args[++i]!;
    else flags[flag[1]!] = true;
  }
  return { positional, flags };
}

/** A command's refusal: printed as it is, without a stack, and the command exits 1. */
export class OperationError extends Error {}

/** What a command may write to; tests pass their own. */
export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const consoleOutput: Output = { out: (l) => console.log(l), err: (l) => console.error(l) };
