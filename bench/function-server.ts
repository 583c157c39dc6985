/**
 * The functions alone in a process of their own, as an Edge Function runs: `bench:queries`
 * measures the memory of an export here, apart from the stack and the benchmark itself.
 * Reads DB_URL and JWT_SECRET; prints `{"port": n}` once listening. `GET /memory` answers
 * this process's current and peak resident memory in MB.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { functionsRoute } from "../src/local/functions.ts";
import { chooseDispatcher } from "../src/runner/choose-dispatcher.ts";

const db = new pg.Pool({ connectionString: process.env.DB_URL, max: 4 });
const functions = functionsRoute({ db, tokenKeys: { secret: process.env.JWT_SECRET }, dispatcher: chooseDispatcher() });
const mb = (bytes: number) => Math.round(bytes / 1_048_576);

const server = createServer((req, res) => {
  if (req.url === "/memory") {
    const memory = { rss_mb: mb(process.memoryUsage().rss), peak_rss_mb: mb(process.resourceUsage().maxRSS * 1024) };
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(memory));
    return;
  }
  functions(req, res, (req.url ?? "/").replace(/^\/functions\/v1/, "")).catch((error: Error) => {
    res.writeHead(500).end(error.message);
  });
});
server.listen(0, "127.0.0.1", () => {
  console.log(JSON.stringify({ port: (server.address() as AddressInfo).port }));
});
process.on("SIGTERM", () => {
  server.close();
  db.end().finally(() => process.exit(0));
});
