/**
 * Signals the stack's server processes when this process exits without stopping the stack
 * (an uncaught error, process.exit): otherwise Postgres and PostgREST outlive it, holding
 * the data dir and reconnecting for ever. A clean stop() releases the hook first.
 */
export class ChildrenOnExit {
  private readonly children: { pid: number; signal: NodeJS.Signals }[] = [];
  private readonly onExit = () => {
    for (const { pid, signal } of this.children) {
      try {
        process.kill(pid, signal);
      } catch {
        // Already gone.
      }
    }
  };

  constructor() {
    process.on("exit", this.onExit);
  }

  add(pid: number | undefined, signal: NodeJS.Signals): void {
    if (pid !== undefined) this.children.push({ pid, signal });
  }

  release(): void {
    process.off("exit", this.onExit);
  }
}
