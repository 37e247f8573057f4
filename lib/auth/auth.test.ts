import { describe, expect, it } from "vitest";
import { demoSignInEnabled } from "./demo";
import { PERMISSIONS, ROLES, can } from "./permissions";

describe("demoSignInEnabled", () => {
  it("is impossible in production unless ALLOW_DEMO_SIGNIN is set", () => {
    expect(
      demoSignInEnabled({ NODE_ENV: "production", DEMO_MODE: true, ALLOW_DEMO_SIGNIN: false }),
    ).toBe(false);
    expect(
      demoSignInEnabled({ NODE_ENV: "production", DEMO_MODE: false, ALLOW_DEMO_SIGNIN: true }),
    ).toBe(true);
  });

  it("is on in demo mode during development and off otherwise", () => {
    expect(
      demoSignInEnabled({ NODE_ENV: "development", DEMO_MODE: true, ALLOW_DEMO_SIGNIN: false }),
    ).toBe(true);
    expect(
      demoSignInEnabled({ NODE_ENV: "development", DEMO_MODE: false, ALLOW_DEMO_SIGNIN: false }),
    ).toBe(false);
  });
});

describe("permission matrix", () => {
  it("lets founders do everything", () => {
    for (const p of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[])
      expect(can("founder", p)).toBe(true);
  });

  it("keeps the overview to founders and customers readable by every role", () => {
    expect(can("staff", "overview.read")).toBe(false);
    expect(can("admin", "overview.read")).toBe(false);
    for (const r of ROLES) expect(can(r, "customer.read")).toBe(true);
  });

  it("shows the launch checklist to every role; only admins and founders re-run or edit it", () => {
    for (const r of ROLES) expect(can(r, "launch.read")).toBe(true);
    for (const p of ["launch.run", "launch.manage"] as const) {
      expect(can("staff", p)).toBe(false);
      expect(can("admin", p)).toBe(true);
      expect(can("founder", p)).toBe(true);
    }
  });

  it("keeps disabling and re-enabling users to founders", () => {
    expect(ROLES.filter((r) => can(r, "user.disable"))).toEqual(["founder"]);
  });

  it("denies everything without a role", () => {
    expect(can(null, "customer.read")).toBe(false);
  });
});
