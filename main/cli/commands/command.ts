/** One `darkslide <name>` command: its lines in the usage text (made when shown, in the run's language) and what it does. */
export type Command = {
  name: string;
  usage(): string;
  run(args: string[]): Promise<void>;
};
