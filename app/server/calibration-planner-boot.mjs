// As calibration-worker-boot.mjs: tsx's module hooks for this thread, then the planner itself.
import { register } from "tsx/esm/api";

register();
await import("./calibration-planner.ts");
