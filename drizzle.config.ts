import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema",
  out: "./migrations",
  dbCredentials: { url: process.env.DATABASE_PATH ?? "data/panel-scorecard.db" },
});
