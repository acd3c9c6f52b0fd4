// Who may do what: an interviewer scores, a recruiting lead calibrates, an admin administers.
// A person may hold several roles.

export const ROLES = ["interviewer", "lead", "admin"] as const;
export type Role = (typeof ROLES)[number];
