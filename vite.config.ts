import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The admin reads VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY; SUPABASE_URL / SUPABASE_ANON_KEY
// (the names the Supabase CLI prints) are accepted too, so a real project needs no renaming.
const supabaseUrl = process.env.VITE_SUPABASE_URL ?? process.env.SUPABASE_URL;
const supabaseAnonKey = process.env.VITE_SUPABASE_ANON_KEY ?? process.env.SUPABASE_ANON_KEY;

export default defineConfig({
  plugins: [react()],
  root: "src/app",
  publicDir: false,
  define: {
    ...(supabaseUrl ? { "import.meta.env.VITE_SUPABASE_URL": JSON.stringify(supabaseUrl) } : {}),
    ...(supabaseAnonKey ? { "import.meta.env.VITE_SUPABASE_ANON_KEY": JSON.stringify(supabaseAnonKey) } : {}),
  },
  build: {
    outDir: "../../dist",
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
