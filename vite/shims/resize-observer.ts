/**
 * Stands in for resize-observer-polyfill, which antd's components import: every browser antd
 * supports has ResizeObserver, so the polyfill (about 4 KB gzipped) would never run.
 */
export default globalThis.ResizeObserver ??
  // Server-side rendering in a host app: nothing to observe.
  class {
    observe() {}
    unobserve() {}
    disconnect() {}
  };
