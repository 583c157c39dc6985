import { createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { freePort } from "../../src/local/ports.ts";
import { startStack } from "../../src/local/stack.ts";

export interface StackInfo {
  apiUrl: string;
  dbUrl: string;
  anonKey: string;
  serviceRoleKey: string;
  jwtSecret: string;
}

declare module "vitest" {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

/** One fresh local stack on free ports per test run, so tests never touch `npm start`'s data. */
export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(join(tmpdir(), "flow-admin-test-"));
  // Service logs go to a file beside the data, so a failing test can be explained.
  const logFile = createWriteStream(join(tmpdir(), "flow-admin-test-stack.log"));
  const stack = await startStack({
    dataDir,
    apiPort: await freePort(),
    dbPort: await freePort(),
    log: (line) => logFile.write(`${line}\n`),
  });
  project.provide("stack", {
    apiUrl: stack.apiUrl,
    dbUrl: stack.dbUrl,
    anonKey: stack.anonKey,
    serviceRoleKey: stack.serviceRoleKey,
    jwtSecret: stack.jwtSecret,
  });
  return async () => {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
