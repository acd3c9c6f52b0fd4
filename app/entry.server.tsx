import { Writable } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { createRenderTurns, RenderTurnsProvider } from "~/components/render-in-parts";
import { NonceProvider } from "~/utils/nonce-provider";

const ABORT_DELAY = 5_000;

// The app never streams deferred data, so the whole document is sent once it is ready (also when
// parts of it were rendered on later turns of the event loop: they are sent inline, in place).
// It is gathered into one buffer and answered as one body: React writes a document in chunks of
// ~2 kB, and each chunk sent on its own went through a web stream, the response, the compression
// middleware and a zlib round trip on the main thread (at 100,000 scorecards the calibration
// overview's 70 kB cost ~5 ms of main-thread CPU in those chunks' way out alone).
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = loadContext.cspNonce;
  return new Promise<Response>((resolve, reject) => {
    let status = responseStatusCode;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce ?? ""}>
        {/* Large pages render in parts, a turn of the event loop apart (render-in-parts.tsx). */}
        <RenderTurnsProvider value={createRenderTurns(setImmediate)}>
          <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} />
        </RenderTurnsProvider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          pipe(
            collect((html) => {
              responseHeaders.set("Content-Type", "text/html; charset=utf-8");
              resolve(new Response(html, { headers: responseHeaders, status }));
            }),
          );
        },
        onShellError: reject,
        onError(error: unknown) {
          status = 500;
          console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/** A destination for React's stream that hands over everything written to it, as one buffer, once it ends. */
function collect(done: (whole: Uint8Array<ArrayBuffer>) => void): Writable {
  const chunks: Uint8Array[] = [];
  let length = 0;
  return new Writable({
    write(chunk: Uint8Array, _encoding, next) {
      chunks.push(chunk);
      length += chunk.byteLength;
      next();
    },
    final(next) {
      const whole = new Uint8Array(length);
      let at = 0;
      for (const chunk of chunks) {
        whole.set(chunk, at);
        at += chunk.byteLength;
      }
      done(whole);
      next();
    },
  });
}

// The scorecard's autosave, answered by the HTTP front without Remix's routing (app/server/autosave-front.ts).
export { answerAutosave } from "~/utils/scorecard-autosave.server";
