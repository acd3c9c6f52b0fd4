// Assembles app/domain/calibration/rater-model/cholesky-kernel.wat into cholesky-kernel-bytes.ts.
//   npx tsx tests/support/build-cholesky-kernel.ts
import { writeFileSync } from "node:fs";
import { assembleKernel, KERNEL_BYTES_MODULE, kernelBytesModule } from "./cholesky-kernel-source";

const bytes = await assembleKernel();
writeFileSync(KERNEL_BYTES_MODULE, kernelBytesModule(bytes));
process.stdout.write(`${KERNEL_BYTES_MODULE}: ${bytes.length} bytes of WebAssembly\n`);
