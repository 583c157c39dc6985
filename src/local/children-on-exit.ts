/**
 * Signals the stack's server processes when this process exits without stopping the stack
 * (an uncaught error, process.exit): otherwise Postgres and PostgREST outlive it, holding
 * the data dir and reconnecting for ever. A clean stop() releases the hook first.
 */
export class ChildrenOnExit {
  private readonly children: { pid: () => number | undefined; signal: NodeJS.Signals }[] = [];
  private readonly onExit = () => {
    for (const { pid, signal } of this.children) {
      const current = pid();
      if (current === undefined) continue;
      try {
        process.kill(current, signal);
      } catch {
        // Already gone.
      }
    }
  };

  constructor() {
    process.on("exit", this.onExit);
  }

  /** A process by its pid, or by a function giving the pid of the moment (a restarted process's). */
  add(pid: number | undefined | (() => number | undefined), signal: NodeJS.Signals): void {
    this.children.push({ pid: typeof pid === "function" ? pid : () => pid, signal });
  }

  release(): void {
    process.off("exit", this.onExit);
  }
}
