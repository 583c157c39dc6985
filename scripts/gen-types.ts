/** `npm run gen:types`: regenerates src/domain/database.types.ts from supabase/migrations. */
import { writeFile } from "node:fs/promises";
import { generateDatabaseTypes } from "../src/local/gen-types.ts";

export const DATABASE_TYPES_FILE = new URL("../src/domain/database.types.ts", import.meta.url).pathname;

const types = await generateDatabaseTypes();
await writeFile(DATABASE_TYPES_FILE, types);
console.log(`wrote ${DATABASE_TYPES_FILE}`);
