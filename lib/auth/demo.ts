import type { Role } from "@/lib/generated/prisma/enums";

export const DEMO_USERS: readonly { email: string; name: string; role: Role }[] = [
  { email: "founder@demo.launchready.dev", name: "Fran Founder", role: "founder" },
  { email: "admin@demo.launchready.dev", name: "Ada Admin", role: "admin" },
  { email: "staff@demo.launchready.dev", name: "Sam Staff", role: "staff" },
];

/**
 * One-click demo sign-in is for demo and development only. In production it stays off
 * unless ALLOW_DEMO_SIGNIN is set explicitly; DEMO_MODE alone never enables it there.
 */
export function demoSignInEnabled(cfg: {
  NODE_ENV: string;
  DEMO_MODE: boolean;
  ALLOW_DEMO_SIGNIN: boolean;
}): boolean {
  if (cfg.NODE_ENV === "production") return cfg.ALLOW_DEMO_SIGNIN;
  return cfg.DEMO_MODE || cfg.ALLOW_DEMO_SIGNIN;
}

export function isDemoUser(email: string): boolean {
  return DEMO_USERS.some((u) => u.email === email);
}
