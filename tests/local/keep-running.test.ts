import { describe, expect, it } from "vitest";
import { keepRunning } from "../../src/local/keep-running.ts";

/** A stand-in server: `end()` makes it end on its own; `stopped` says whether it was stopped. */
class Instance {
  stopped = false;
  private finish!: (what: string) => void;
  readonly ended = new Promise<string>((resolve) => {
    this.finish = resolve;
  });
  constructor(readonly n: number) {}
  end(what = "crashed") {
    this.finish(what);
  }
}

/** keepRunning over stand-ins whose starts take `startMs` and fail while `failing()` says so. */
function harness({ startMs = 0, failing = () => false }: { startMs?: number; failing?: () => boolean } = {}) {
  const notices: string[] = [];
  const instances: Instance[] = [];
  const kept = keepRunning<Instance>({
    name: "svc",
    start: async () => {
      await new Promise((r) => setTimeout(r, startMs));
      if (failing()) throw new Error("no database");
      const instance = new Instance(instances.length + 1);
      instances.push(instance);
      return instance;
    },
    ended: (instance) => instance.ended,
    stop: async (instance) => {
      instance.stopped = true;
      instance.end("stopped");
    },
    notice: (line) => notices.push(line),
  });
  return { kept, notices, instances };
}

const until = async (check: () => boolean, ms = 5_000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe("keepRunning", () => {
  it("starts an instance again when it ends on its own, and says so", async () => {
    const { kept, notices, instances } = harness();
    const service = await kept;
    instances[0]?.end("exited (SIGKILL)");
    await until(() => service.current().n === 2);
    expect(notices).toEqual(["[svc] exited (SIGKILL); starting it again", "[svc] running again"]);
    await service.stop();
    expect(instances.map((i) => i.stopped)).toEqual([false, true]);
  });

  it("stop() during a restart waits for the start and stops what it started", async () => {
    const { kept, notices, instances } = harness({ startMs: 200 });
    const service = await kept;
    instances[0]?.end();
    await new Promise((r) => setTimeout(r, 50)); // the second start is under way
    await service.stop();
    expect(instances).toHaveLength(2);
    expect(instances[1]?.stopped).toBe(true);
    expect(notices).not.toContain("[svc] running again");
  });

  it("stop() while waiting to try again returns at once and starts nothing more", async () => {
    let down = false;
    const { kept, notices, instances } = harness({ failing: () => down });
    const service = await kept;
    down = true;
    instances[0]?.end();
    await until(() => notices.includes("[svc] next try in 0.5 s"));
    const began = performance.now();
    await service.stop();
    expect(performance.now() - began).toBeLessThan(100);
    const said = notices.length;
    await new Promise((r) => setTimeout(r, 700));
    expect(notices).toHaveLength(said);
    expect(instances).toHaveLength(1);
  });

  it("waits longer after each failed try, and after crashes that follow each other", async () => {
    let down = false;
    const { kept, notices, instances } = harness({ failing: () => down });
    const service = await kept;
    down = true;
    instances[0]?.end();
    await until(() => notices.includes("[svc] next try in 1 s"));
    expect(notices.slice(0, 4)).toEqual([
      "[svc] crashed; starting it again",
      "[svc] could not start again: no database",
      "[svc] next try in 0.5 s",
      "[svc] could not start again: no database",
    ]);
    down = false;
    await until(() => service.current().n === 2, 3_000);
    // It crashes again soon after starting: not restarted at once this time.
    notices.length = 0;
    instances[1]?.end();
    await until(() => service.current().n === 3, 3_000);
    expect(notices).toEqual(["[svc] crashed; starting it again", "[svc] next try in 0.5 s", "[svc] running again"]);
    await service.stop();
  });
});
