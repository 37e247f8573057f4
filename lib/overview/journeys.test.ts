import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/test/db";
import { recentJourneys, type Journey } from "./journeys";

const now = new Date("2026-12-04T12:00:00Z");
const ago = (min: number) => new Date(now.getTime() - min * 60_000);
let n = 0;

async function person(
  name: string,
  createdMinAgo: number,
  events: { type: string; minAgo: number }[],
  tasks: {
    action: string;
    status: string;
    minAgo: number;
    lastError?: string;
    attempts?: number;
  }[],
) {
  const c = await db.customer.create({
    data: {
      name,
      email: `${name.split(" ")[0].toLowerCase()}@example.com`,
      createdAt: ago(createdMinAgo),
    },
  });
  for (const e of events) {
    n++;
    await db.ledgerEvent.create({
      data: {
        source: "stripe",
        externalId: `evt_${n}`,
        type: e.type,
        occurredAt: ago(e.minAgo),
        payload: {},
        status: "processed",
        correlationId: `c${n}`,
        customerId: c.id,
      },
    });
  }
  for (const t of tasks) {
    n++;
    await db.syncTask.create({
      data: {
        customerId: c.id,
        target: t.action.split(".")[0] as "crm" | "support" | "email" | "app",
        action: t.action,
        idempotencyKey: `k${n}`,
        status: t.status as "succeeded",
        attempts: t.attempts ?? 1,
        lastError: t.lastError ?? null,
        lastSuccessAt: t.status === "succeeded" ? ago(t.minAgo - 0.1) : null,
        correlationId: `c${n}`,
        createdAt: ago(t.minAgo),
      },
    });
  }
  return c.id;
}

const step = (j: Journey | undefined, key: string) => j?.steps.find((s) => s.key === key);

beforeEach(async () => {
  await resetDatabase();
});

describe("the last journeys, end to end", () => {
  it("shows each step of a complete journey as done, with a time and a link", async () => {
    const id = await person(
      "Amara Nwosu",
      30,
      [
        { type: "customer.created", minAgo: 30 },
        { type: "checkout.session.completed", minAgo: 29 },
        { type: "invoice.paid", minAgo: 29 },
      ],
      [
        { action: "crm.upsert_contact", status: "succeeded", minAgo: 29 },
        { action: "email.welcome", status: "succeeded", minAgo: 29 },
        { action: "app.access_changed", status: "succeeded", minAgo: 29 },
      ],
    );
    await db.customer.update({ where: { id }, data: { accessStatus: "active" } });
    const [j] = await recentJourneys(db, { now });
    expect(j.name).toBe("Amara Nwosu");
    expect(j.problem).toBe(false);
    expect(j.steps.map((s) => [s.key, s.state])).toEqual([
      ["lead", "ok"],
      ["payment_attempted", "ok"],
      ["payment_result", "ok"],
      ["crm", "ok"],
      ["ticket", "none"],
      ["welcome_email", "ok"],
      ["app", "ok"],
    ]);
    expect(step(j, "payment_result")?.href).toMatch(/^\/ledger\//);
    expect(step(j, "welcome_email")?.at).not.toBeNull();
  });

  it("marks a dead or late step red and says why; a fresh one only waits", async () => {
    await person(
      "Hana Okafor",
      60,
      [
        { type: "customer.created", minAgo: 60 },
        { type: "invoice.payment_failed", minAgo: 50 },
      ],
      [
        { action: "crm.upsert_contact", status: "pending", minAgo: 12 },
        {
          action: "support.open_ticket",
          status: "skipped",
          minAgo: 50,
          lastError: "refused: a ticket is already open",
        },
        {
          action: "app.access_changed",
          status: "dead",
          minAgo: 49,
          lastError: "HTTP 410 from the app",
          attempts: 20,
        },
      ],
    );
    await person(
      "Leo Schneider",
      2,
      [{ type: "customer.created", minAgo: 2 }],
      [{ action: "crm.upsert_contact", status: "pending", minAgo: 1 }],
    );
    const journeys = await recentJourneys(db, { now });
    const leo = journeys.find((j) => j.name === "Leo Schneider");
    const hana = journeys.find((j) => j.name === "Hana Okafor");
    expect(journeys.map((j) => j.name)).toEqual(["Leo Schneider", "Hana Okafor"]);

    expect(step(leo, "crm")?.state).toBe("waiting");
    expect(leo?.problem).toBe(false);

    expect(hana?.problem).toBe(true);
    expect(step(hana, "payment_result")).toMatchObject({ state: "failed", note: "Payment failed" });
    expect(step(hana, "crm")).toMatchObject({
      state: "problem",
      note: expect.stringMatching(/^Not done after 12 min: still queued/),
    });
    expect(step(hana, "ticket")).toMatchObject({
      state: "ok",
      note: expect.stringMatching(/^Suppressed: refused/),
    });
    expect(step(hana, "app")).toMatchObject({
      state: "problem",
      note: expect.stringContaining("gave up after 20 tries: HTTP 410"),
    });

    const problems = await recentJourneys(db, { now, problemsOnly: true });
    expect(problems.map((j) => j.name)).toEqual(["Hana Okafor"]);
  });

  it("flags a paid customer with access whose welcome email was never planned", async () => {
    const id = await person(
      "Ravi Shah",
      40,
      [{ type: "invoice.paid", minAgo: 40 }],
      [{ action: "crm.upsert_contact", status: "succeeded", minAgo: 40 }],
    );
    await db.customer.update({ where: { id }, data: { accessStatus: "active" } });
    const [j] = await recentJourneys(db, { now });
    expect(step(j, "welcome_email")).toMatchObject({
      state: "problem",
      note: "Never planned although it was due",
    });
  });
});
