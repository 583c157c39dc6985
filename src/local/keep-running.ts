import { setTimeout as sleep } from "node:timers/promises";

/**
 * Keeps one of the stack's server processes running: when it ends without being stopped
 * (killed, out of memory), it is started again, with a growing wait between failed tries
 * and between crashes that follow each other, and the console is told. The rest of the
 * stack reconnects by itself (PostgREST's and the runner's pools retry), so a restart in
 * place is all a crash needs.
 */
export interface KeepRunningOptions<T> {
  /** `[name]` in what is said. */
  name: string;
  /** Starts an instance; `cancelled` fires when the stack stops meanwhile. */
  start: (cancelled: AbortSignal) => Promise<T>;
  /** Resolves, with what happened, once this instance has ended. */
  ended: (instance: T) => Promise<string>;
  stop: (instance: T) => Promise<void>;
  notice: (line: string) => void;
}

export interface KeptRunning<T> {
  /** The instance running now (another one after a restart). */
  current(): T;
  /** Stops the instance, and one being started, and starts none after. */
  stop(): Promise<void>;
}

const MAX_WAIT_MS = 30_000;
/** An instance that ends sooner than this after starting is not started again at once. */
const QUICK_END_MS = 10_000;

export async function keepRunning<T>(options: KeepRunningOptions<T>): Promise<KeptRunning<T>> {
  const { name, notice } = options;
  const stopping = new AbortController();
  let instance = await options.start(stopping.signal);
  let startedAt = Date.now();
  let quickEnds = 0;
  let restarting: Promise<void> | undefined;

  const watch = (running: T) =>
    void options.ended(running).then((what) => {
      if (stopping.signal.aborted || running !== instance) return;
      quickEnds = Date.now() - startedAt < QUICK_END_MS ? quickEnds + 1 : 0;
      notice(`[${name}] ${what}; starting it again`);
      // The first quick end is restarted at once; each one after it waits longer.
      restarting = restart(Math.max(0, quickEnds - 1));
    });

  async function restart(failures: number) {
    for (let attempt = failures; !stopping.signal.aborted; attempt++) {
      if (attempt > 0) {
        const wait = Math.min(MAX_WAIT_MS, 500 * 2 ** (attempt - 1));
        notice(`[${name}] next try in ${wait / 1000} s`);
        try {
          await sleep(wait, undefined, { signal: stopping.signal });
        } catch {
          return; // stopped while waiting
        }
      }
      try {
        const started = await options.start(stopping.signal);
        if (stopping.signal.aborted) return void (await options.stop(started));
        instance = started;
        startedAt = Date.now();
        watch(instance);
        notice(`[${name}] running again`);
        return;
      } catch (error) {
        if (!stopping.signal.aborted) notice(`[${name}] could not start again: ${(error as Error).message}`);
      }
    }
  }
  watch(instance);

  return {
    current: () => instance,
    stop: async () => {
      stopping.abort();
      await restarting;
      await options.stop(instance);
    },
  };
}
