import { describe, expect, it } from "vitest";
import { csvCell, csvLine, customersCsv, CSV_COLUMNS } from "./customers-csv";
import type { CustomerRow } from "./queries";

describe("CSV cells", () => {
  it.each([
    ['=HYPERLINK("http://evil")', `"'=HYPERLINK(""http://evil"")"`],
    ["+1 555", "'+1 555"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["plain", "plain"],
  ])("escapes %j as %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("writes null as an empty cell and ends lines with CRLF", () => {
    expect(csvLine([null, undefined, "x"])).toBe(",,x\r\n");
  });

  it("streams a header row, then one line per customer", async () => {
    const row = {
      id: "c1",
      email: "a@example.com",
      name: "=cmd|' /C calc'!A0",
      accessStatus: "past_due",
      billingStatus: "past_due",
      reasons: [{ code: "payment_failed", message: "m", since: "", nextAction: "Send a link" }],
      sync: { state: "ok", lastError: null },
      lastSyncedAt: null,
      stripeCustomerId: "cus_1",
      crmContactId: null,
      supportUserId: null,
      appUserId: null,
    } as unknown as CustomerRow;
    async function* batches() {
      yield [row];
    }
    const out: string[] = [];
    for await (const chunk of customersCsv(batches())) out.push(chunk);
    expect(out[0]).toBe(CSV_COLUMNS.join(",") + "\r\n");
    expect(out[1]).toBe(
      "c1,a@example.com,'=cmd|' /C calc'!A0,past_due,past_due,payment_failed,Send a link,ok,,cus_1,,,\r\n",
    );
  });
});
