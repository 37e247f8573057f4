import { describe, expect, it } from "vitest";
import { systemSyncOf } from "./customer-detail";

const at = (iso: string) => new Date(iso);

describe("systemSyncOf: one line per system from the customer's outbox tasks", () => {
  it("dead beats open beats ok; skipped and never are told apart; the newest success is shown", () => {
    const lines = systemSyncOf([
      {
        target: "crm",
        status: "succeeded",
        lastSuccessAt: at("2026-12-01T10:00:00Z"),
        lastError: null,
      },
      {
        target: "crm",
        status: "succeeded",
        lastSuccessAt: at("2026-12-03T10:00:00Z"),
        lastError: null,
      },
      {
        target: "crm",
        status: "dead",
        lastSuccessAt: null,
        lastError: "HubSpot answered 401 for token pat-na1-secret",
      },
      {
        target: "support",
        status: "failed",
        lastSuccessAt: null,
        lastError: "Zendesk answered 503",
      },
      {
        target: "support",
        status: "succeeded",
        lastSuccessAt: at("2026-12-02T10:00:00Z"),
        lastError: null,
      },
      {
        target: "email",
        status: "succeeded",
        lastSuccessAt: at("2026-12-02T09:00:00Z"),
        lastError: null,
      },
      { target: "app", status: "skipped", lastSuccessAt: null, lastError: "not connected" },
    ]);
    const by = Object.fromEntries(lines.map((l) => [l.target, l]));
    expect(by.crm).toMatchObject({
      state: "failed",
      lastSuccessAt: "2026-12-03T10:00:00.000Z",
      tasks: 3,
    });
    expect(by.crm.lastError).toContain("HubSpot answered 401");
    expect(by.support).toMatchObject({ state: "pending", lastError: "Zendesk answered 503" });
    expect(by.email).toMatchObject({ state: "ok", lastError: null, tasks: 1 });
    expect(by.app).toMatchObject({ state: "skipped", lastSuccessAt: null, lastError: null });
  });

  it("a system with no task at all has never synced", () => {
    const lines = systemSyncOf([]);
    expect(lines.map((l) => l.state)).toEqual(lines.map(() => "never"));
    expect(lines.every((l) => l.tasks === 0 && l.lastSuccessAt === null)).toBe(true);
  });
});
