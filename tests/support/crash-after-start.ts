/**
 * Starts the local stack on the data dir and ports in argv, prints "started", then dies of an
 * uncaught error: tests/local/stack-lifecycle.test.ts checks it leaves no process behind.
 */
import { startStack } from "../../src/local/stack.ts";

const [dataDir, apiPort, dbPort] = process.argv.slice(2);
await startStack({ dataDir: dataDir as string, apiPort: Number(apiPort), dbPort: Number(dbPort), runner: false });
console.log("started");
setTimeout(() => {
  throw new Error("a crash after the stack started");
}, 10);
