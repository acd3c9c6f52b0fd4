// People, their roles, their sign-ins, and the organisation's settings.
import { check, index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, oneOf, requiredRef, serialId, stamp } from "./columns";

export const users = sqliteTable("users", {
  id: serialId(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  createdAt: createdAt(),
});

/** A required reference to a person (an author, a panellist, a recipient). */
export const userRef = (name: string, cascade?: "cascade") => requiredRef(name, () => users.id, cascade);
/** An optional one (who created a row, where the seed or a migration may have made it). */
export const optionalUserRef = (name: string) => integer(name).references(() => users.id);

const ROLES = ["interviewer", "lead", "admin"] as const;

export const userRoles = sqliteTable(
  "user_roles",
  {
    userId: userRef("user_id", "cascade"),
    role: text("role", { enum: ROLES }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] }), check("user_roles_role", oneOf(t.role, ROLES))],
);

export const sessions = sqliteTable(
  "sessions",
  {
    /** SHA-256 (hex) of the session token in the cookie: a copy of this table signs no one in. */
    id: text("id").primaryKey(),
    userId: userRef("user_id", "cascade"),
    createdAt: createdAt(),
    /** The absolute end (SESSION_MAX_DAYS after sign-in). */
    expiresAt: text("expires_at").notNull(),
    /** Moved forward as the session is used; idle longer than SESSION_IDLE_MINUTES, it has ended. ''
     *  (rows from before this column, whose ids were stored in clear) never counts as seen. */
    lastSeenAt: text("last_seen_at").notNull().default(""),
  },
  (t) => [index("sessions_user").on(t.userId)],
);

export const loginAttempts = sqliteTable(
  "login_attempts",
  {
    id: serialId(),
    email: text("email").notNull(),
    /** The client's IP address ('' when unknown), so throttling can tell a guesser from the owner. */
    client: text("client").notNull().default(""),
    succeeded: integer("succeeded", { mode: "boolean" }).notNull(),
    at: stamp("at"),
  },
  (t) => [index("login_attempts_email_at").on(t.email, t.at), index("login_attempts_client_at").on(t.client, t.at)],
);

/** Organisation-wide settings as key/value, e.g. who may see other panellists' scorecards. */
export const settings = sqliteTable("settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});
