/**
 * Keeps one of the stack's server processes running: when it ends without being stopped
 * (killed, out of memory), it is started again, with a growing wait between failed tries,
 * and the console is told. The rest of the stack reconnects by itself (PostgREST's and the
 * runner's pools retry), so a restart in place is all a crash needs.
 */
export interface KeepRunningOptions<T> {
  /** `[name]` in what is said. */
  name: string;
  start: () => Promise<T>;
  /** Resolves, with what happened, once this instance has ended. */
  ended: (instance: T) => Promise<string>;
  stop: (instance: T) => Promise<void>;
  notice: (line: string) => void;
}

export interface KeptRunning<T> {
  /** The instance running now (another one after a restart). */
  current(): T;
  stop(): Promise<void>;
}

const MAX_WAIT_MS = 30_000;

export async function keepRunning<T>(options: KeepRunningOptions<T>): Promise<KeptRunning<T>> {
  const { name, notice } = options;
  let stopping = false;
  let instance = await options.start();

  const watch = (running: T) =>
    void options.ended(running).then((what) => {
      if (stopping || running !== instance) return;
      notice(`[${name}] ${what}; starting it again`);
      void restart();
    });

  async function restart() {
    for (let attempt = 0; !stopping; attempt++) {
      try {
        const started = await options.start();
        if (stopping) return void (await options.stop(started));
        instance = started;
        watch(instance);
        notice(`[${name}] running again`);
        return;
      } catch (error) {
        const wait = Math.min(MAX_WAIT_MS, 500 * 2 ** attempt);
        notice(`[${name}] could not start again (${(error as Error).message}); next try in ${wait / 1000} s`);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
  }
  watch(instance);

  return {
    current: () => instance,
    stop: () => {
      stopping = true;
      return options.stop(instance);
    },
  };
}
