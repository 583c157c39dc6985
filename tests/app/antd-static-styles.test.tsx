// @vitest-environment jsdom

import { reset as resetCacheMap } from "@ant-design/cssinjs/lib/util/cacheMapUtil";
import { render } from "@testing-library/react";
import { ConfigProvider, Steps, Table } from "antd";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { ADMIN_THEME } from "../../src/app/theme.ts";
import { antdStaticStyles } from "../../vite/antd-static-styles.ts";
import { installBrowserStubs } from "../support/jsdom.ts";

/** Runs the plugin's build hooks as Vite would, returning the stylesheet and the tag it injects. */
async function build(base: string) {
  type Emitted = { fileName: string; source: string };
  // The hooks this plugin defines, as plain functions (Vite's types allow object hooks too).
  const plugin = antdStaticStyles(ADMIN_THEME) as unknown as {
    configResolved(config: { base: string; build: { assetsDir: string } }): void;
    buildStart(this: { emitFile(file: Emitted): void }): Promise<void>;
    transformIndexHtml(): unknown[];
  };
  const emitted: Emitted[] = [];
  plugin.configResolved({ base, build: { assetsDir: "assets" } });
  await plugin.buildStart.call({ emitFile: (file) => emitted.push(file) });
  return { file: emitted[0] as Emitted, tags: plugin.transformIndexHtml() };
}

/** The <style> tags antd added at run time whose CSS mentions the selector. */
function runtimeStylesFor(selector: string) {
  return [...document.querySelectorAll("head style[data-css-hash]")].filter((style) =>
    style.innerHTML.includes(selector),
  );
}

describe("antd styles extracted at build", () => {
  let file: { fileName: string; source: string };
  let tags: unknown[];

  beforeAll(async () => {
    // React's development build warns that layout effects do nothing in renderToString.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    ({ file, tags } = await build("/admin/"));
    quiet.mockRestore();
    installBrowserStubs();
    // As the built page loads it: the stylesheet in place before antd first renders.
    const sheet = document.createElement("style");
    sheet.innerHTML = file.source;
    document.head.appendChild(sheet);
    // The extraction above ran in this jsdom, where antd read the (then empty) map once; a
    // browser reads it first when the app renders, with the stylesheet already loaded.
    resetCacheMap(undefined as never);
  });

  it("emits one hashed stylesheet, linked first in the head under the app's base", () => {
    expect(file.fileName).toMatch(/^assets\/antd-[0-9a-f]{8}\.css$/);
    expect(file.source).toContain(".ant-table");
    expect(file.source).toContain(".ant-picker");
    expect(tags).toEqual([
      { tag: "link", attrs: { rel: "stylesheet", href: `/admin/${file.fileName}` }, injectTo: "head-prepend" },
    ]);
  });

  it("spares antd generating the styles of the components it holds, in the admin's theme", () => {
    render(
      <ConfigProvider theme={ADMIN_THEME}>
        <Table dataSource={[]} columns={[{ title: "Name", dataIndex: "name" }]} />
      </ConfigProvider>,
    );
    expect(runtimeStylesFor(".ant-table")).toEqual([]);
  });

  it("leaves a component it does not hold to antd, which styles it at run time", () => {
    render(
      <ConfigProvider theme={ADMIN_THEME}>
        <Steps items={[{ title: "One" }]} />
      </ConfigProvider>,
    );
    expect(runtimeStylesFor(".ant-steps").length).toBeGreaterThan(0);
  });
});
