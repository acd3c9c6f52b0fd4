// The rater model's WebAssembly kernel (app/domain/calibration/rater-model/cholesky-kernel.wat),
// assembled from its text with wabt: what build-cholesky-kernel.ts writes and the kernel's test
// compares with the committed bytes.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

export const KERNEL_DIR = fileURLToPath(new URL("../../app/domain/calibration/rater-model/", import.meta.url));
export const KERNEL_WAT = `${KERNEL_DIR}cholesky-kernel.wat`;
export const KERNEL_BYTES_MODULE = `${KERNEL_DIR}cholesky-kernel-bytes.ts`;

/** The kernel's .wat assembled to a WebAssembly binary (no names section: the same bytes every time). */
export async function assembleKernel(): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const module = wabt.parseWat(KERNEL_WAT, readFileSync(KERNEL_WAT, "utf8"), { simd: true });
  try {
    module.validate();
    return Uint8Array.from(module.toBinary({ log: false, write_debug_names: false }).buffer);
  } finally {
    module.destroy();
  }
}

/** The TypeScript module that carries the binary, as base64 (the app builds and runs it with no loader or file path). */
export function kernelBytesModule(bytes: Uint8Array): string {
  const base64 = Buffer.from(bytes).toString("base64");
  return `// Generated from cholesky-kernel.wat by \`npx tsx tests/support/build-cholesky-kernel.ts\`; do not edit.
// tests/unit/calibration/cholesky-kernel.test.ts checks that these are the .wat's bytes.
export const CHOLESKY_KERNEL_BASE64 =
  "${base64}";
`;
}
