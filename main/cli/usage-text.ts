// The usage text's layout, apart from commands/command.ts (types only) so a command's module loads nothing extra.

/** Where a command's description starts in the usage text: after the synopsis, or under it when that is longer. */
const COLUMN = 50;

/** A synopsis (the command as typed: names, flags and placeholders, never translated) with its description. */
export function usageEntry(synopsis: string, description: string): string {
  const lines = synopsis.split('\n');
  const [first = '', ...more] = description.split('\n');
  const last = lines[lines.length - 1]!;
  if (last.length < COLUMN - 1) lines[lines.length - 1] = last.padEnd(COLUMN) + first;
  else lines.push(' '.repeat(COLUMN) + first);
  lines.push(...more.map((line) => ' '.repeat(COLUMN) + line));
  return lines.join('\n');
}
