// The lead of an interference window (interference-window.ts), on a thread of its own: GET the
// dashboard document every intervalMs (open loop: whether or not the previous one has answered),
// each body read whole, until told to stop. Why a thread: the lead is another person's browser,
// not part of the 50 interviewers' load, and reading a 70 kB document (the socket, gunzip, the
// body) on the load's own event loop delayed the interviewers' saves in the measuring process;
// those delays counted as the server's autosave latency (latency runs from each save's scheduled
// time). Plain JavaScript: it runs in a worker without the TypeScript loader.
// It says { type: "ready" } once it runs, and starts on "start" (a thread takes a while to start on a
// busy machine: the window's first request must not wait for it). Messages to the parent: { type: "sent", index, sentAt } and { type: "answer", index, ms, status,
// bytes, error }, times in ms since the epoch (performance.timeOrigin + now); after "stop" and the
// open requests' answers (at most two minutes): { type: "done" }.
import { parentPort, workerData } from "node:worker_threads";

parentPort.postMessage({ type: "ready" });

const { url, cookie, intervalMs } = workerData;
const pending = new Set();
let index = 0;

function send() {
  const k = index++;
  const start = performance.now();
  parentPort.postMessage({ type: "sent", index: k, sentAt: performance.timeOrigin + start });
  const done = fetch(url, { headers: { Cookie: cookie }, redirect: "manual", signal: AbortSignal.timeout(120_000) })
    .then(async (res) => {
      const bytes = (await res.arrayBuffer()).byteLength;
      parentPort.postMessage({ type: "answer", index: k, ms: performance.now() - start, status: res.status, bytes });
    })
    .catch((error) =>
      parentPort.postMessage({
        type: "answer",
        index: k,
        error: error instanceof Error ? error.message : String(error),
      }),
    )
    .finally(() => pending.delete(done));
  pending.add(done);
}

let timer = null;
parentPort.on("message", async (message) => {
  if (message === "start") {
    send();
    timer = setInterval(send, intervalMs);
    return;
  }
  if (message !== "stop") return;
  clearInterval(timer);
  await Promise.race([Promise.all(pending), new Promise((resolve) => setTimeout(resolve, 120_000))]);
  parentPort.postMessage({ type: "done" });
  parentPort.close();
});
