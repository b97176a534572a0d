/** A stage's line on stderr: its name, its wall time, and what it chose to do when that is news. */
export function progressLine(stage: string, milliseconds: number, note?: string): string {
  return `${stage.padEnd(7)}${formatDuration(milliseconds).padStart(8)}${note ? `  ${note}` : ''}`;
}

export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(2)} s`;
}
