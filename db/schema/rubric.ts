// The rubric's versions, the company variants of the question, and the practice exemplars.
import { sql } from "drizzle-orm";
import {
  check,
  foreignKey,
  integer,
  primaryKey,
  sqliteTable,
  text,
  type AnySQLiteColumn,
} from "drizzle-orm/sqlite-core";
import { createdAt, LEVELS, serialId } from "./columns";
import { optionalUserRef } from "./users";

/** One row per rubric version; `content` is the whole rubric as validated JSON. */
export const rubricVersions = sqliteTable(
  "rubric_versions",
  {
    id: integer("id").primaryKey(),
    content: text("content", { mode: "json" }).notNull(),
    scaleMin: integer("scale_min").notNull(),
    scaleMax: integer("scale_max").notNull(),
    note: text("note"),
    createdBy: optionalUserRef("created_by"),
    createdAt: createdAt(),
  },
  (t) => [check("rubric_versions_scale", sql`${t.scaleMax} > ${t.scaleMin}`)],
);

/** The rubric version a row was made under. */
export const rubricVersionRef = () => integer("rubric_version_id").notNull();

/** A company variant of the question, as it stands in one rubric version. */
export const variants = sqliteTable(
  "variants",
  {
    rubricVersionId: rubricVersionRef().references(() => rubricVersions.id),
    key: text("key").notNull(),
    company: text("company"),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.rubricVersionId, t.key] })],
);

/**
 * A worked answer with a reference key, for calibration practice: interviewers score it in the
 * scorecard's practice mode, and the dashboard shows how far each lands from the key.
 */
export const exemplars = sqliteTable("exemplars", {
  id: serialId(),
  title: text("title").notNull(),
  answer: text("answer").notNull(),
  source: text("source").notNull(),
  level: text("level", { enum: LEVELS }).notNull(),
  rubricVersionId: rubricVersionRef().references(() => rubricVersions.id),
  /** { ratings: { [dimension]: score }, recommendation, redFlags: [], rationale: { [dimension]: why } } */
  referenceKey: text("reference_key", { mode: "json" }).notNull(),
  createdBy: optionalUserRef("created_by"),
  createdAt: createdAt(),
});

/** A row's question variant: its (rubric version, variant key) pair must name a stored variant. */
export const variantKey = () => text("variant_key").notNull();
export const ofVariant = (t: { rubricVersionId: AnySQLiteColumn; variantKey: AnySQLiteColumn }) =>
  foreignKey({ columns: [t.rubricVersionId, t.variantKey], foreignColumns: [variants.rubricVersionId, variants.key] });
