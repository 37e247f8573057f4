import { describe, expect, it } from "vitest";
import { alertDoor, scopeInWords } from "@/lib/alerts/alert-door";

describe("alertDoor", () => {
  it("a webhook failure alert of one source opens that source's failed events", () => {
    expect(alertDoor("webhook_failure_rate", "source:stripe").href).toBe(
      "/ledger?source=stripe&status=failed",
    );
    expect(alertDoor("webhook_failure_rate", "global").href).toBe("/ledger?status=failed");
  });

  it("dead tasks and slow syncs open the exceptions queue", () => {
    expect(alertDoor("dead_task", "target:crm").href).toBe("/exceptions");
    expect(alertDoor("sync_latency_p95", "target:crm").href).toBe("/exceptions");
  });

  it("a ticket spike opens the Zendesk events and an unknown rule the metrics", () => {
    expect(alertDoor("ticket_spike", "global")).toEqual({
      href: "/ledger?source=zendesk",
      label: "Open the Zendesk events",
    });
    expect(alertDoor(undefined, "global").href).toBe("/alerts#metrics");
  });
});

describe("scopeInWords", () => {
  it("names sources and targets as a person knows them", () => {
    expect(scopeInWords("source:hubspot")).toBe("webhooks from HubSpot");
    expect(scopeInWords("target:support")).toBe("sync to Zendesk");
    expect(scopeInWords("action:refund.request_failed")).toBe("request failed");
    expect(scopeInWords("global")).toBe("");
  });
});
