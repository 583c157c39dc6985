import { createHash } from "node:crypto";
import { createCache, extractStyle, StyleProvider } from "@ant-design/cssinjs";
import {
  Alert,
  Avatar,
  Badge,
  Breadcrumb,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  ConfigProvider,
  DatePicker,
  Descriptions,
  Divider,
  Dropdown,
  Empty,
  Form,
  Input,
  Layout,
  List,
  Menu,
  Pagination,
  Result,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Spin,
  Statistic,
  Table,
  Tabs,
  Tag,
  type ThemeConfig,
  Timeline,
  Typography,
} from "antd";
import { Fragment, createElement as h, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import type { Plugin } from "vite";

/** The antd components the admin and Refine's layout show, rendered once for their styles. */
const components = (): ReactElement =>
  h(
    Fragment,
    null,
    h(Alert, { message: "" }),
    h(Avatar),
    h(Badge),
    h(Breadcrumb),
    h(Button),
    h(Card),
    h(Checkbox),
    h(Collapse),
    h(DatePicker.RangePicker),
    h(Descriptions),
    h(Divider),
    h(Dropdown, { menu: { items: [] } }, h("span")),
    h(Empty),
    h(Form),
    h(Input),
    h(Input.Search),
    h(Layout, null, h(Layout.Sider), h(Layout.Header), h(Layout.Content)),
    h(List),
    h(Menu, { items: [] }),
    h(Pagination, { total: 100 }),
    h(Result),
    h(Row, null, h(Col)),
    h(Segmented, { options: [] }),
    h(Select),
    h(Skeleton),
    h(Space),
    h(Spin),
    h(Statistic),
    h(Table),
    h(Tabs),
    h(Tag),
    h(Timeline),
    h(Typography.Text),
  );

/**
 * Build only: writes the styles antd would otherwise generate in the browser on first render
 * (CSS-in-JS) to a stylesheet, with the map antd reads to skip generating them. A component
 * left out, or shown under another theme, still gets its styles at run time.
 */
export function antdStaticStyles(theme: ThemeConfig): Plugin {
  let base = "/";
  let fileName = "";
  return {
    name: "antd-static-styles",
    apply: "build",
    configResolved(config) {
      base = config.base;
    },
    buildStart() {
      const cache = createCache();
      renderToString(h(StyleProvider, { cache }, h(ConfigProvider, { theme }, components())));
      const css = extractStyle(cache, { plain: true, types: ["style", "token"] });
      fileName = `assets/antd-${createHash("sha256").update(css).digest("hex").slice(0, 8)}.css`;
      this.emitFile({ type: "asset", fileName, source: css });
    },
    transformIndexHtml: () => [
      // First in the head: the app's own stylesheets, later, still override antd's.
      { tag: "link", attrs: { rel: "stylesheet", href: `${base}${fileName}` }, injectTo: "head-prepend" },
    ],
  };
}
