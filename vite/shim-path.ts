import { fileURLToPath } from "node:url";

/** A stand-in in vite/shims/, by file name (each says what it replaces and why that is safe). */
export const shimPath = (name: string): string => fileURLToPath(new URL(`./shims/${name}`, import.meta.url));
