// Global setup: build the app once, before any test file that starts the server runs, so that
// parallel test files never race two `remix build`s over the same output.
import { ensureBuild } from "./server-process";

export default function setup() {
  ensureBuild();
}
