import type { Plugin } from "vite";
import { shimPath } from "./shim-path.ts";

/**
 * One import inside a dependency, pointed at a narrower module: `source` as imported by a file
 * whose path matches `importer` resolves to `target` instead.
 */
interface NarrowedImport {
  importer: RegExp;
  source: string;
  target: string;
}

const NARROWED_IMPORTS: NarrowedImport[] = [
  // antd's form context, which Input, Select and most other controls read, needs only
  // rc-field-form's FormProvider; the package index attaches every part of the form engine to
  // its default export, so importing the index ships all of it and its validator (about 14 KB
  // gzipped) on pages without a form. FormContext.js is where the index takes FormProvider from.
  { importer: /\/antd\/es\/form\/context\.js$/, source: "rc-field-form", target: "rc-field-form/es/FormContext.js" },
  // Radio.Group takes one small helper from antd's form hooks module, which holds the form
  // store: in the same chunk as the Form that uses it, it would load on every page with a Radio.
  {
    importer: /\/antd\/es\/radio\/group\.js$/,
    source: "../form/hooks/useForm",
    target: shimPath("radio-group-name-path.ts"),
  },
  // antd's Table renders a column's filter dropdown (with a Tree, Menu, Checkbox…) only for
  // columns that declare `filters` or `filterDropdown`; the admin filters in its filter bars.
  {
    importer: /\/antd\/es\/table\/hooks\/useFilter\/index\.js$/,
    source: "./FilterDropdown",
    target: shimPath("table-filter-dropdown.ts"),
  },
  // supabase-js constructs its Realtime client with every Supabase client; the admin subscribes
  // only once a view has shown its first rows, so the real client can load then.
  {
    importer: /\/@supabase\/supabase-js\/dist\/index\.mjs$/,
    source: "@supabase/realtime-js",
    target: shimPath("realtime-js.ts"),
  },
  // GoTrueClient builds `supabase.auth.admin` (service-role only) and WebAuthn support with every
  // Supabase client; the admin signs in with a password and never holds the service-role key.
  {
    importer: /\/@supabase\/auth-js\/dist\/module\/GoTrueClient\.js$/,
    source: "./GoTrueAdminApi",
    target: shimPath("auth-admin-api.ts"),
  },
  {
    importer: /\/@supabase\/auth-js\/dist\/module\/GoTrueClient\.js$/,
    source: "./lib/webauthn",
    target: shimPath("auth-webauthn.ts"),
  },
];

/**
 * Build only: resolves the imports in NARROWED_IMPORTS to their narrower targets (the dev server
 * pre-bundles dependencies whole). tests/e2e/production-build.test.ts runs the built admin. A
 * build in which an entry no longer matches (a dependency moved its files) fails, rather than
 * quietly shipping the weight back.
 */
export function narrowImports(): Plugin {
  const applied = new Set<NarrowedImport>();
  return {
    name: "narrow-imports",
    apply: "build",
    enforce: "pre",
    buildStart() {
      applied.clear();
    },
    async resolveId(source, importer, options) {
      const narrowed = importer && NARROWED_IMPORTS.find((n) => n.source === source && n.importer.test(importer));
      if (!narrowed) return null;
      applied.add(narrowed);
      return this.resolve(narrowed.target, importer, { ...options, skipSelf: true });
    },
    buildEnd(error) {
      const unmatched = NARROWED_IMPORTS.filter((n) => !applied.has(n));
      if (!error && unmatched.length > 0) {
        this.error(
          `vite/narrow-imports.ts: no import matched ${unmatched.map((n) => `"${n.source}" from ${n.importer}`).join(", ")}`,
        );
      }
    },
  };
}
