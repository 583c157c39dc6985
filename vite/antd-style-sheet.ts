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

/** The CSS antd generates for those components in the theme, with the map that lets it skip them. */
export function antdStyleSheet(theme: ThemeConfig): string {
  const cache = createCache();
  renderToString(h(StyleProvider, { cache }, h(ConfigProvider, { theme }, components())));
  return extractStyle(cache, { plain: true, types: ["style", "token"] });
}
