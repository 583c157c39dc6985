import { createServer } from "vite";

/** Serves the standalone admin with Vite, configured to talk to the given Supabase API. */
export async function startAdmin(options: { apiUrl: string; anonKey: string; port: number }) {
  process.env.VITE_SUPABASE_URL = options.apiUrl;
  process.env.VITE_SUPABASE_ANON_KEY = options.anonKey;
  const server = await createServer({
    configFile: new URL("../../vite.config.ts", import.meta.url).pathname,
    server: { host: "127.0.0.1", port: options.port, strictPort: false },
    logLevel: "warn",
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${options.port}/`;
  return { url, stop: () => server.close() };
}
