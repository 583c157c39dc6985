import { Spin } from "antd";
import { type ComponentType, lazy, Suspense } from "react";
import { matchPath, Route } from "react-router";

interface Page {
  path: string;
  /** The page's chunk: each page is its own, so the login and a first page load only what they show. */
  load: () => Promise<ComponentType>;
}

const PAGES: Page[] = [
  { path: "/flows", load: () => import("./pages/flows/list.tsx").then((m) => m.FlowList) },
  { path: "/flows/:id", load: () => import("./pages/flows/show.tsx").then((m) => m.FlowShow) },
  { path: "/executions", load: () => import("./pages/executions/list.tsx").then((m) => m.ExecutionList) },
  { path: "/executions/:id", load: () => import("./pages/executions/show.tsx").then((m) => m.ExecutionShow) },
  { path: "/execution-logs", load: () => import("./pages/executions/list.tsx").then((m) => m.ExecutionLogList) },
  { path: "/contacts", load: () => import("./pages/contacts/list.tsx").then((m) => m.ContactList) },
  { path: "/contacts/:id", load: () => import("./pages/contacts/show.tsx").then((m) => m.ContactShow) },
];
const OUTBOX: Page = { path: "/outbox", load: () => import("./pages/outbox/list.tsx").then((m) => m.OutboxList) };
const ALL_PAGES = [...PAGES, OUTBOX];

const lazyPages = new Map<Page, ComponentType>(
  ALL_PAGES.map((page) => [page, lazy(() => page.load().then((component) => ({ default: component })))]),
);

function routesOf(pages: Page[]) {
  return pages.map((page) => {
    const Component = lazyPages.get(page) as ComponentType;
    return (
      <Route
        key={page.path}
        path={page.path}
        element={
          <Suspense fallback={<Spin style={{ display: "block", margin: 48 }} />}>
            <Component />
          </Suspense>
        }
      />
    );
  });
}

/**
 * The plugin's routes, to be placed inside the host app's authenticated layout route:
 * `<Route element={<Layout />}>{flowAdminRoutes()}</Route>`.
 */
export function flowAdminRoutes() {
  return routesOf(PAGES);
}

/** The route of `outboxResource` (local mode only), placed like `flowAdminRoutes()`. */
export function outboxRoutes() {
  return routesOf([OUTBOX]);
}

/**
 * Starts loading the chunk of the page at `pathname`, if it is one of the plugin's: called
 * before the app's first render, the page downloads while sign-in state is being restored.
 */
export function preloadPage(pathname: string): void {
  const page = ALL_PAGES.find((p) => matchPath(p.path, pathname));
  void page?.load().catch(() => {});
}
