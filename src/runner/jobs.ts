/** The local queue's job names, apart from graphile-worker so a dispatcher need not load it. */
export const RUN_EXECUTION_TASK = "run-execution";

/** A job's key is its execution's: a queued run is never doubled, a delay replaces it. */
export const JOB_KEY_PREFIX = "execution:";

export function executionJobKey(executionId: string): string {
  return `${JOB_KEY_PREFIX}${executionId}`;
}
