// The WebAssembly the rater model runs (cholesky-kernel-bytes.ts) is its .wat source assembled: a
// change to either without the other fails here. To rebuild: npx tsx tests/support/build-cholesky-kernel.ts
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { CHOLESKY_KERNEL_BASE64 } from "../../../app/domain/calibration/rater-model/cholesky-kernel-bytes";
import { assembleKernel, KERNEL_BYTES_MODULE, kernelBytesModule } from "../../support/cholesky-kernel-source";

it("is cholesky-kernel.wat assembled, and the committed module is the one the builder writes", async () => {
  const bytes = await assembleKernel();
  expect(Buffer.from(CHOLESKY_KERNEL_BASE64, "base64").equals(Buffer.from(bytes))).toBe(true);
  expect(readFileSync(KERNEL_BYTES_MODULE, "utf8")).toBe(kernelBytesModule(bytes));
});

it("exports the memory and block4, and nothing else", () => {
  const module = new WebAssembly.Module(Buffer.from(CHOLESKY_KERNEL_BASE64, "base64"));
  expect(WebAssembly.Module.exports(module)).toEqual([
    { name: "memory", kind: "memory" },
    { name: "block4", kind: "function" },
  ]);
  expect(WebAssembly.Module.imports(module)).toEqual([]);
});
