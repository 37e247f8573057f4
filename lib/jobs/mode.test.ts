import { describe, expect, it } from "vitest";
import { executorMode } from "./mode";

describe("executorMode", () => {
  it("uses Inngest when an event key or a dev server is configured, in-process otherwise", () => {
    expect(executorMode({ INNGEST_EVENT_KEY: "key" })).toBe("inngest");
    expect(executorMode({ INNGEST_DEV: "1" })).toBe("inngest");
    expect(executorMode({ INNGEST_DEV: "http://127.0.0.1:8288" })).toBe("inngest");
    expect(executorMode({ INNGEST_DEV: "0" })).toBe("in-process");
    expect(executorMode({})).toBe("in-process");
  });
});
