import {
  PREVIOUS_SECRETS,
  ROTATION_REMINDER_DAYS,
  SECRET_CATALOG,
} from "@/lib/launch/checks/secret-catalog";
import type { CheckResult } from "@/lib/launch/types";

export type Rotation = { rotatedAt: Date; owner: string | null; recordedBy: string };

export type SecretsInput = {
  /** The process environment (read only for names and shapes; values never leave here). */
  source: Record<string, string | undefined>;
  nodeEnv: string;
  rotations: Map<string, Rotation>;
  now: Date;
};

const DAY = 86_400_000;
const day = (d: Date) => d.toISOString().slice(0, 10);

/** Values that look like credentials: provider prefixes, keys, URLs with passwords, long random strings. */
export function looksSecret(value: string): boolean {
  if (
    /^(sk|rk)_(test|live)_|^whsec_|^xox[abpr]-|^gh[pousr]_|^AKIA[0-9A-Z]{12}|-----BEGIN /.test(
      value,
    )
  )
    return true;
  if (/^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i.test(value)) return true;
  if (/^[A-Za-z0-9+/_=-]{32,}$/.test(value)) {
    // Long and random-looking (not a word, number or URL-safe slug with low variety).
    const counts = new Map<string, number>();
    for (const c of value) counts.set(c, (counts.get(c) ?? 0) + 1);
    let entropy = 0;
    for (const n of counts.values()) entropy -= (n / value.length) * Math.log2(n / value.length);
    return entropy > 3.5;
  }
  return false;
}

function secretCheck(input: SecretsInput, spec: (typeof SECRET_CATALOG)[number]): CheckResult {
  const value = input.source[spec.name];
  const base = { key: `secrets.secret:${spec.name}`, area: "secrets" as const, title: spec.name };
  const why = spec.required
    ? "The dashboard cannot run safely without it."
    : "Optional: the integration it belongs to stays off until it is set.";
  if (!value) {
    if (!spec.required)
      return {
        ...base,
        state: "not_configured",
        observed: "Not set.",
        why,
        fix: null,
        value: null,
      };
    return {
      ...base,
      state: "fail",
      observed: "Not set.",
      why,
      fix: `Set ${spec.name} (${spec.shape}) in the server's environment. Get it from: ${spec.lives}.`,
      value: null,
    };
  }
  if (!spec.format.test(value)) {
    return {
      ...base,
      state: "fail",
      observed: `Set, but not well-formed: expected ${spec.shape}.`,
      why: "A malformed secret fails at the moment it is first used (a webhook, a sign-in).",
      fix: `Replace ${spec.name} with ${spec.shape} from ${spec.lives}.`,
      value: null,
    };
  }
  if (spec.with && !input.source[spec.with]) {
    return {
      ...base,
      state: "fail",
      observed: `Set, but ${spec.with} is not: it is used only together with ${spec.with}.`,
      why: "Half a credential pair leaves the integration off.",
      fix: `Set ${spec.with} as well.`,
      value: null,
    };
  }
  const rotation = input.rotations.get(spec.name);
  if (!rotation) {
    return {
      ...base,
      state: "warn",
      observed: "Set and well-formed. No rotation date recorded.",
      why: `Secrets should be rotated at least every ${ROTATION_REMINDER_DAYS} days, and after anyone with access leaves.`,
      fix: `Rotate ${spec.name} (${spec.lives}), then record the date on this page.`,
      value: null,
    };
  }
  const days = Math.floor((input.now.getTime() - rotation.rotatedAt.getTime()) / DAY);
  const owner = rotation.owner ? `, owner ${rotation.owner}` : "";
  const observed = `Set and well-formed. Last rotated ${day(rotation.rotatedAt)} (${days} days ago${owner}).`;
  if (days > ROTATION_REMINDER_DAYS) {
    return {
      ...base,
      state: "warn",
      observed,
      why: `Rotated more than ${ROTATION_REMINDER_DAYS} days ago; a leaked secret stays useful until it is rotated.`,
      fix: `Rotate ${spec.name} (${spec.lives}), then record the date on this page.`,
      value: days,
    };
  }
  return { ...base, state: "pass", observed, why, fix: null, value: days };
}

function stripeModeCheck(input: SecretsInput): CheckResult {
  const key = input.source.STRIPE_SECRET_KEY;
  const base = {
    key: "secrets.stripe_mode",
    area: "secrets" as const,
    title: "Stripe key mode matches the environment",
    why: "A test key in production takes no real money; a live key in development charges real cards.",
  };
  if (!key)
    return {
      ...base,
      state: "not_configured",
      observed: "STRIPE_SECRET_KEY is not set.",
      fix: null,
    };
  const mode = key.startsWith("sk_live_")
    ? "live"
    : key.startsWith("sk_test_")
      ? "test"
      : "unknown";
  const env = input.nodeEnv;
  const observed = `A ${mode} key with NODE_ENV=${env}.`;
  if (env === "production" && mode !== "live")
    return {
      ...base,
      state: "fail",
      observed,
      fix: "Set STRIPE_SECRET_KEY to the live key (sk_live_…) and STRIPE_WEBHOOK_SECRET to the live endpoint's secret.",
    };
  if (env === "development" && mode === "live")
    return {
      ...base,
      state: "fail",
      observed,
      fix: "Use a test key (sk_test_…) outside production.",
    };
  return { ...base, state: "pass", observed, fix: null };
}

function publicVariablesCheck(input: SecretsInput): CheckResult {
  const names = Object.keys(input.source)
    .filter((n) => n.startsWith("NEXT_PUBLIC_"))
    .sort();
  const secretValues = new Set(
    SECRET_CATALOG.map((s) => input.source[s.name]).filter((v): v is string => Boolean(v)),
  );
  const leaking = names.filter((n) => {
    const v = input.source[n] ?? "";
    return secretValues.has(v) || looksSecret(v);
  });
  const base = {
    key: "secrets.next_public",
    area: "secrets" as const,
    title: "No secret in a NEXT_PUBLIC_ variable",
    why: "NEXT_PUBLIC_ variables are copied into the JavaScript every visitor downloads.",
    value: leaking.length,
  };
  if (leaking.length)
    return {
      ...base,
      state: "fail",
      observed: `${leaking.join(", ")} look${leaking.length === 1 ? "s" : ""} like a secret.`,
      fix: `Remove ${leaking.join(", ")} (or rename without NEXT_PUBLIC_ and read it on the server), rebuild, and rotate the exposed secret.`,
    };
  return {
    ...base,
    state: "pass",
    observed: names.length
      ? `${names.length} NEXT_PUBLIC_ variable(s), none secret-looking.`
      : "No NEXT_PUBLIC_ variables.",
    fix: null,
  };
}

function previousSecretChecks(input: SecretsInput): CheckResult[] {
  return PREVIOUS_SECRETS.map(({ name, of }) => ({
    key: `secrets.previous:${name}`,
    area: "secrets" as const,
    title: `${of} rotation window`,
    state: "pass" as const,
    observed: input.source[name]
      ? `${name} is set: the previous secret is still accepted (a rotation is in progress).`
      : `${name} is not set: only the current secret is accepted.`,
    why: "During a rotation both secrets are accepted; remove the previous one once the provider sends with the new one.",
    fix: null,
  }));
}

/** Every secrets and environment check, from the environment's names and shapes only. */
export function secretsChecks(input: SecretsInput): CheckResult[] {
  return [
    ...SECRET_CATALOG.map((s) => secretCheck(input, s)),
    stripeModeCheck(input),
    publicVariablesCheck(input),
    ...previousSecretChecks(input),
  ];
}
