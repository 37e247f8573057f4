import { describe, expect, it } from "vitest";
import { escapeHtml, safeUrl } from "@/lib/integrations/email/escape-html";
import { formatDate, formatMoney } from "@/lib/format";
import { dunningHtml, renderDunning } from "./dunning";
import { renderWelcome, welcomeHtml, welcomeText } from "./welcome";

const evil = `<script>alert("x")</script> & 'Bob'`;

describe("email templates", () => {
  it("the welcome HTML escapes the customer's name", () => {
    const html = welcomeHtml({ name: evil, productName: "Acme" });
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Bob&#39;");
  });

  it("the dunning HTML escapes the name and the invoice id", () => {
    const html = dunningHtml({ name: evil, productName: "Acme", invoiceId: `in_<b>` });
    expect(html).not.toContain("<script>");
    expect(html).toContain("in_&lt;b&gt;");
  });

  it("never renders a javascript: link", () => {
    const html = welcomeHtml({
      name: "Ada",
      productName: "Acme",
      productUrl: "javascript:alert(1)",
    });
    expect(html).not.toContain("javascript:");
    expect(safeUrl("not a url")).toBeUndefined();
    expect(safeUrl("https://acme.example/x?a=1&b=2")).toBe("https://acme.example/x?a=1&b=2");
    expect(
      welcomeHtml({ name: null, productName: "A", productUrl: "https://a.example/?a=1&b=2" }),
    ).toContain('href="https://a.example/?a=1&amp;b=2"');
  });

  it("the welcome email greets by name when known and links the product", () => {
    const w = renderWelcome({
      name: "Ada",
      productName: "Acme",
      productUrl: "https://app.acme.example",
    });
    expect(w.subject).toBe("Welcome to Acme");
    expect(w.text).toMatch(/^Hi Ada,/);
    expect(w.html).toContain('href="https://app.acme.example/"');
    expect(welcomeText({ name: null, productName: "Acme" })).toMatch(/^Hi,\n/);
  });

  it("the dunning email states invoice, amount and next retry in text and HTML", () => {
    const d = renderDunning({
      name: "Ada",
      productName: "Acme",
      invoiceId: "in_42",
      amount: formatMoney(4900, "eur"),
      nextAttempt: formatDate("2026-11-23T10:00:00Z"),
      billingPortalUrl: "https://billing.stripe.com/p/login/x",
    });
    for (const part of [d.text, d.html]) {
      expect(part).toContain("in_42");
      expect(part).toContain("49.00 EUR");
      expect(part).toContain("23 November 2026");
      expect(part).toContain("https://billing.stripe.com/p/login/x");
    }
  });

  it("formats money and days defensively", () => {
    expect(escapeHtml("a&b")).toBe("a&amp;b");
  });
});
