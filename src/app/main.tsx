import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { preloadPage } from "../admin/index.ts";
import { App } from "./app.tsx";

preloadPage(window.location.pathname);

const container = document.getElementById("root");
if (!container) throw new Error("index.html has no #root element");
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
