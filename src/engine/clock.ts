let last = 0;

/**
 * The engine's timestamps for step records: wall-clock milliseconds, made strictly increasing
 * within a process by microseconds, so steps recorded in the same millisecond keep the order
 * they ran in.
 */
export function stepTimestamp(): string {
  const micros = Math.max(Date.now() * 1000, last + 1);
  last = micros;
  const iso = new Date(Math.floor(micros / 1000)).toISOString();
  return `${iso.slice(0, 23)}${String(micros % 1000).padStart(3, "0")}Z`;
}
