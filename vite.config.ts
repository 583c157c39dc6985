import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import { ADMIN_THEME } from "./src/app/theme.ts";
import { antdStaticStyles } from "./vite/antd-static-styles.ts";
import { narrowImports } from "./vite/narrow-imports.ts";
import { shimPath } from "./vite/shim-path.ts";

// The admin reads VITE_SUPABASE_URL / VITE_SUPABASE_ANON_KEY; SUPABASE_URL / SUPABASE_ANON_KEY
// (the names the Supabase CLI prints) are accepted too, so a real project needs no renaming.
const supabaseUrl = process.env.VITE_SUPABASE_URL ?? process.env.SUPABASE_URL;
const supabaseAnonKey = process.env.VITE_SUPABASE_ANON_KEY ?? process.env.SUPABASE_ANON_KEY;

const UNUSED_BY_REFINE_HOOKS_WE_SKIP =
  /node_modules\/(react-markdown|remark-[^/]+|micromark[^/]*|mdast-[^/]+|unified|unist-[^/]+|hast-[^/]+|property-information|papaparse|error-stack-parser|stackframe)\//;

// Dependencies of dependencies that would ship unused, or only to support browsers antd does not:
// each is replaced by a few lines (vite/shims/ says what each does without and why it is safe).
const SHIMMED_DEPENDENCIES = {
  "@supabase/storage-js": shimPath("storage-js.ts"),
  "resize-observer-polyfill": shimPath("resize-observer.ts"),
  "side-channel": shimPath("side-channel.cjs"),
};

// Refine's page header (@ant-design/pro-layout) imports icons by their CommonJS paths, which
// would ship a second copy of the icon runtime beside the ES one antd uses: same icons, ES modules.
const ICONS_AS_ES_MODULES = { find: /^@ant-design\/icons\/([A-Z]\w+)$/, replacement: "@ant-design/icons/es/icons/$1" };

export default defineConfig({
  resolve: {
    alias: [
      ...Object.entries(SHIMMED_DEPENDENCIES).map(([find, replacement]) => ({ find, replacement })),
      ICONS_AS_ES_MODULES,
    ],
  },
  plugins: [react(), narrowImports(), antdStaticStyles(ADMIN_THEME)],
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
    // Terser's second compress pass ships about 5% less gzipped JS than esbuild's minifier
    // (the entry chunk 354 → 337 KB), for about 20 s more build time.
    minify: "terser",
    terserOptions: { compress: { passes: 2 }, format: { comments: false } },
    // The side-channel shim is CommonJS, like qs, which requires it.
    commonjsOptions: { include: [/node_modules/, /vite\/shims\/.*\.cjs$/] },
    rollupOptions: {
      // @refinedev/antd and @refinedev/core are single-file bundles that import markdown and CSV
      // libraries for fields and hooks this admin never uses, and a stack parser for devtools
      // traces that only development builds take; those packages do not declare themselves free
      // of side effects, so without this they would ship in the first chunk.
      treeshake: { moduleSideEffects: (id) => !UNUSED_BY_REFINE_HOOKS_WE_SKIP.test(id) },
    },
  },
});
