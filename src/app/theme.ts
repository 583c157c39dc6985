import type { ThemeConfig } from "antd";

/** The admin's antd theme (Refine's Blue), for the app and for its styles extracted at build. */
export const ADMIN_THEME: ThemeConfig = { token: { colorPrimary: "#1677FF" } };
