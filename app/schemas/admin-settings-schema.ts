import { z } from "zod/v3";
import { INDEPENDENCE_MODES } from "~/domain/independence";

export const SettingsSchema = z.object({
  independence: z.enum(INDEPENDENCE_MODES, { errorMap: () => ({ message: "Choose one of the options" }) }),
});
export type SettingsForm = z.input<typeof SettingsSchema>;
