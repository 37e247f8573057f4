import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startAppReceiver, type AppReceiver } from "./app-receiver";
import { createFaultControls, seededRandom } from "./faults";
import { startFakeHubSpot, type FakeHubSpot } from "./hubspot";
import { startFakeZendesk, type FakeZendesk } from "./zendesk";

const json = (body: unknown) => ({
  "content-type": "application/json",
  body: JSON.stringify(body),
});

describe("fault controls", () => {
  it("the same seed gives the same faults", () => {
    const draws = (seed: number) => {
      const f = createFaultControls();
      f.random({ rate: 0.3, seed, kinds: ["500", "429", "hang", "lost-response"] });
      return Array.from({ length: 200 }, () => f.draw());
    };
    expect(draws(7)).toEqual(draws(7));
    expect(draws(7)).not.toEqual(draws(8));
    const failures = draws(7).filter(Boolean).length;
    expect(failures).toBeGreaterThan(40);
    expect(failures).toBeLessThan(80);
    expect(seededRandom(1)()).toBeLessThan(1);
  });

  it("queued faults come first, in order, and reset clears everything", () => {
    const f = createFaultControls();
    f.sequence(["ok", "hang"]);
    f.failNext(1);
    expect([f.draw(), f.draw(), f.draw(), f.draw()]).toEqual([null, "hang", "500", null]);
    f.hangAll();
    expect(f.draw()).toBe("hang");
    f.reset();
    expect(f.draw()).toBeNull();
    expect(f.counts).toEqual({ "500": 0, "429": 0, hang: 0, "lost-response": 0 });
  });
});

describe("fake HubSpot", () => {
  let crm: FakeHubSpot;
  const auth = { authorization: "Bearer pat-test" };
  beforeAll(async () => {
    crm = await startFakeHubSpot({ accessToken: "pat-test" });
  });
  afterAll(() => crm.stop());
  beforeEach(() => {
    crm.clear();
    crm.faults.reset();
  });

  const upsert = (inputs: unknown) =>
    fetch(`${crm.url}/crm/v3/objects/contacts/batch/upsert`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ inputs }),
    });

  it("answers a batch upsert with the documented shape and reads contacts by id or email", async () => {
    const res = await upsert([
      { id: "Ada@Example.com", idProperty: "email", properties: { firstname: "Ada" } },
    ]);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: "COMPLETE", results: [{ new: true, archived: false }] });
    const id = body.results[0].id;

    const byId = await fetch(`${crm.url}/crm/v3/objects/contacts/${id}?properties=lifecyclestage`, {
      headers: auth,
    });
    expect(await byId.json()).toMatchObject({
      id,
      properties: { email: "ada@example.com", firstname: "Ada", lifecyclestage: null },
    });
    const byEmail = await fetch(
      `${crm.url}/crm/v3/objects/contacts/ADA%40example.com?idProperty=email`,
      { headers: auth },
    );
    expect((await byEmail.json()).id).toBe(id);
    const missing = await fetch(`${crm.url}/crm/v3/objects/contacts/999`, { headers: auth });
    expect(missing.status).toBe(404);
    expect((await missing.json()).category).toBe("OBJECT_NOT_FOUND");
  });

  it("refuses unknown properties, other id properties, empty batches and backward lifecycle moves", async () => {
    expect(
      (await upsert([{ id: "a@b.co", idProperty: "email", properties: { nope: "x" } }])).status,
    ).toBe(400);
    expect((await upsert([{ id: "1", idProperty: "hs_object_id", properties: {} }])).status).toBe(
      400,
    );
    expect((await upsert([])).status).toBe(400);
    await upsert([
      { id: "a@b.co", idProperty: "email", properties: { lifecyclestage: "customer" } },
    ]);
    const back = await upsert([
      { id: "a@b.co", idProperty: "email", properties: { lifecyclestage: "lead" } },
    ]);
    expect(back.status).toBe(400);
    expect(crm.contactByEmail("a@b.co")?.properties.lifecyclestage).toBe("customer");
  });

  it("requires the Bearer token and has no other routes", async () => {
    const res = await fetch(`${crm.url}/crm/v3/objects/contacts/1`);
    expect(res.status).toBe(401);
    expect((await fetch(`${crm.url}/crm/v3/other`, { headers: auth })).status).toBe(404);
  });

  it("can be driven and inspected over HTTP by another process", async () => {
    await fetch(`${crm.url}/__fake/faults`, {
      method: "POST",
      ...json({ failNext: 1, latencyMs: 5 }),
    });
    expect((await upsert([{ id: "x@y.co", idProperty: "email", properties: {} }])).status).toBe(
      500,
    );
    expect((await upsert([{ id: "x@y.co", idProperty: "email", properties: {} }])).status).toBe(
      200,
    );
    await fetch(`${crm.url}/__fake/faults`, {
      method: "POST",
      ...json({
        reset: true,
        rateLimitNext: { n: 1, retryAfter: 9 },
        hangNext: 0,
        loseNextResponses: 1,
        sequence: ["429"],
        hangAll: false,
        random: null,
      }),
    });
    const limited = await upsert([{ id: "x@y.co", idProperty: "email", properties: {} }]);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("9");
    const state = await (await fetch(`${crm.url}/__fake/state`)).json();
    expect(state.contacts).toHaveLength(1);
    expect(state.requests.length).toBeGreaterThanOrEqual(3);
  });

  it("a hung request never answers until the fake stops", async () => {
    crm.faults.hangNext(1);
    const res = fetch(`${crm.url}/crm/v3/objects/contacts/1`, {
      headers: auth,
      signal: AbortSignal.timeout(150),
    });
    await expect(res).rejects.toThrow();
    expect(crm.hangingCount()).toBeGreaterThan(0);
  });
});

describe("fake Zendesk", () => {
  let zd: FakeZendesk;
  const auth = { authorization: `Basic ${Buffer.from("a@b.co/token:tok").toString("base64")}` };
  beforeAll(async () => {
    zd = await startFakeZendesk({ email: "a@b.co", apiToken: "tok" });
  });
  afterAll(() => zd.stop());
  beforeEach(() => zd.clear());

  const create = (ticket: unknown, key?: string) =>
    fetch(`${zd.url}/api/v2/tickets.json`, {
      method: "POST",
      headers: {
        ...auth,
        "content-type": "application/json",
        ...(key ? { "idempotency-key": key } : {}),
      },
      body: JSON.stringify({ ticket }),
    });
  const ticket = {
    comment: { body: "Help" },
    requester: { email: "c@d.co", name: "C" },
    external_id: "e1",
  };

  it("replays an Idempotency-Key with the first response, and refuses the key with another body", async () => {
    const first = await create(ticket, "k1");
    expect(first.status).toBe(201);
    expect(first.headers.get("x-idempotency-lookup")).toBe("miss");
    const again = await create(ticket, "k1");
    expect(again.headers.get("x-idempotency-lookup")).toBe("hit");
    expect((await again.json()).ticket.id).toBe((await first.json()).ticket.id);
    const other = await create({ ...ticket, subject: "changed" }, "k1");
    expect(other.status).toBe(400);
    expect((await other.json()).error).toBe("IdempotentRequestError");
    expect(zd.tickets()).toHaveLength(1);
  });

  it("like Zendesk, does not make external_id unique without a key", async () => {
    await create(ticket);
    await create(ticket);
    const list = await (
      await fetch(`${zd.url}/api/v2/tickets.json?external_id=e1`, { headers: auth })
    ).json();
    expect(list).toMatchObject({ count: 2, next_page: null });
    const all = await (await fetch(`${zd.url}/api/v2/tickets.json`, { headers: auth })).json();
    expect(all.count).toBe(2);
  });

  it("validates creates and updates like Zendesk", async () => {
    expect((await create({ requester: { email: "c@d.co" } })).status).toBe(422);
    expect((await create({ comment: { body: "x" } })).status).toBe(422);
    const noTicket = await fetch(`${zd.url}/api/v2/tickets.json`, {
      method: "POST",
      headers: auth,
      body: "{}",
    });
    expect(noTicket.status).toBe(400);
    const { ticket: t } = await (await create(ticket)).json();
    const put = (body: unknown) =>
      fetch(`${zd.url}/api/v2/tickets/${t.id}.json`, {
        method: "PUT",
        headers: { ...auth, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    expect((await put({ ticket: { status: "solved" } })).status).toBe(422);
    expect((await put({})).status).toBe(400);
    expect(
      (
        await put({
          ticket: { status: "closed", assignee_email: "a@b.co", priority: "low", tags: ["x"] },
        })
      ).status,
    ).toBe(200);
    expect((await put({ ticket: { status: "open" } })).status).toBe(422);
    const shown = await (
      await fetch(`${zd.url}/api/v2/tickets/${t.id}.json`, { headers: auth })
    ).json();
    expect(shown.ticket).toMatchObject({ status: "closed", priority: "low", tags: ["x"] });
    expect((await fetch(`${zd.url}/api/v2/tickets/999.json`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${zd.url}/api/v2/users.json`, { headers: auth })).status).toBe(404);
    expect((await fetch(`${zd.url}/api/v2/tickets.json`)).status).toBe(401);
  });
});

describe("app receiver", () => {
  const secret = `whsec_${randomBytes(24).toString("base64")}`;
  let app: AppReceiver;
  beforeAll(async () => {
    app = await startAppReceiver({ secret });
  });
  afterAll(() => app.stop());

  it("accepts a correctly signed request, refuses unsigned ones and unknown paths", async () => {
    const body = JSON.stringify({ type: "t" });
    const now = new Date();
    const signed = await fetch(app.webhookUrl, {
      method: "POST",
      headers: {
        "webhook-id": "msg_1",
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": new Webhook(secret).sign("msg_1", now, body),
      },
      body,
    });
    expect(signed.status).toBe(204);
    expect((await fetch(app.webhookUrl, { method: "POST", body })).status).toBe(401);
    expect((await fetch(`${app.url}/elsewhere`, { method: "POST", body })).status).toBe(404);
    expect(app.received().map((r) => r.verified)).toEqual([true, false]);
    expect(app.messages()).toHaveLength(1);
  });
});
