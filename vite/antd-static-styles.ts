import { createHash } from "node:crypto";
import type { ThemeConfig } from "antd";
import type { Plugin } from "vite";

/**
 * Build only: writes the styles antd would otherwise generate in the browser on first render
 * (CSS-in-JS) to a stylesheet, with the map antd reads to skip generating them. A component
 * left out, or shown under another theme, still gets its styles at run time. antd loads only
 * when a build starts, not with the dev server's config.
 */
export function antdStaticStyles(theme: ThemeConfig): Plugin {
  let base = "/";
  let assetsDir = "assets";
  let fileName = "";
  return {
    name: "antd-static-styles",
    apply: "build",
    configResolved(config) {
      base = config.base;
      assetsDir = config.build.assetsDir;
    },
    async buildStart() {
      const { antdStyleSheet } = await import("./antd-style-sheet.ts");
      const css = antdStyleSheet(theme);
      fileName = `${assetsDir}/antd-${createHash("sha256").update(css).digest("hex").slice(0, 8)}.css`;
      this.emitFile({ type: "asset", fileName, source: css });
    },
    transformIndexHtml: () => [
      // First in the head, as antd's own run-time styles go: the app's stylesheets still override them.
      { tag: "link", attrs: { rel: "stylesheet", href: `${base}${fileName}` }, injectTo: "head-prepend" },
    ],
  };
}
