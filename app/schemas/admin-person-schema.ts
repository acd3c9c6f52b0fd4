import { z } from "zod/v3";
import { ROLES, type Role } from "~/domain/roles";
import type { FieldErrors } from "~/schemas/form-errors";
import { checkedList, idField } from "./form-data";

export const ROLE_LABELS: Record<Role, string> = {
  interviewer: "Interviewer",
  lead: "Recruiting lead",
  admin: "Admin",
};

export const PASSWORD_MIN = 10;
export const EMAIL_TAKEN = "That email is already in use";

const roles = checkedList(z.enum(ROLES, { errorMap: () => ({ message: "Unknown role" }) })).pipe(
  z.array(z.enum(ROLES)).min(1, "Choose at least one role"),
);

export const NewPersonSchema = z
  .object({
    intent: z.literal("create"),
    name: z.string().trim().min(1, "Enter a name").max(80, "At most 80 characters"),
    email: z
      .string()
      .trim()
      .toLowerCase()
      .min(1, "Enter an email")
      .max(254, "That email is too long")
      .email("Enter a valid email"),
    roles,
    /** Either the admin sets the first password, or one is generated and shown once. */
    passwordMode: z.enum(["generate", "set"], { errorMap: () => ({ message: "Choose how the password is made" }) }),
    password: z.string().max(200, "That password is too long").optional().default(""),
  })
  .superRefine((person, ctx) => {
    if (person.passwordMode === "set" && person.password.length < PASSWORD_MIN) {
      ctx.addIssue({ code: "custom", path: ["password"], message: `At least ${PASSWORD_MIN} characters` });
    }
  });
export type NewPerson = z.output<typeof NewPersonSchema>;
export type NewPersonForm = z.input<typeof NewPersonSchema>;

export const PersonRolesSchema = z.object({
  intent: z.literal("roles"),
  userId: idField("Unknown person"),
  roles,
});
export type PersonRoles = z.output<typeof PersonRolesSchema>;
export type PersonRolesForm = z.input<typeof PersonRolesSchema>;

export const DeactivatePersonSchema = z.object({
  intent: z.literal("deactivate"),
  userId: idField("Unknown person"),
});

/** What the people page's action answers, whichever of its forms was posted. */
export interface PeopleActionData {
  intent: "create" | "roles" | "deactivate" | null;
  userId?: number;
  errors?: FieldErrors;
  values?: Record<string, unknown>;
  created?: { id: number; name: string; email: string; password: string | null };
  saved?: boolean;
}
