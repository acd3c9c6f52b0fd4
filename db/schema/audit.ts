// Who did what, when: the audit log.
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { serialId, stamp } from "./columns";
import { optionalUserRef } from "./users";

export const auditLog = sqliteTable(
  "audit_log",
  {
    id: serialId(),
    at: stamp("at"),
    actorId: optionalUserRef("actor_id"),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: integer("entity_id"),
    detail: text("detail", { mode: "json" }),
  },
  (t) => [index("audit_log_entity").on(t.entity, t.entityId)],
);
