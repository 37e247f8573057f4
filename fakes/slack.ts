import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A real local HTTP server standing in for a Slack incoming webhook: keeps every JSON body
 * POSTed to it. `failNext(n)` answers the next n requests with 500.
 */
export async function startSlackCapture() {
  const messages: { text: string }[] = [];
  let failures = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      if (failures > 0) {
        failures--;
        res.statusCode = 500;
        res.end("error");
        return;
      }
      messages.push(JSON.parse(Buffer.concat(chunks).toString("utf8")) as { text: string });
      res.setHeader("content-type", "text/plain");
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/T000/B000/XXXX`,
    messages,
    failNext(n = 1) {
      failures = n;
    },
    clear() {
      messages.length = 0;
      failures = 0;
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  };
}
