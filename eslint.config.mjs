import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

/**
 * The layers (ARCHITECTURE.md): tooling (fakes/, dev/, test/, tools/, e2e/) may import the
 * product; the product (lib/, app/, components/, inngest/) never imports tooling, and lib/
 * never imports the framework or the layers above it. Tests may import anything.
 */
const TOOLING = ["@/fakes/**", "@/dev/**", "@/test/**", "@/tools/**", "@/e2e/**"];
const tooling = {
  group: TOOLING,
  message: "The product never imports tooling (fakes, dev, test, tools, e2e).",
};
const layer = (group, message) => ({ group, message });
const LIB_BANS = [
  tooling,
  layer(
    ["@/app/**", "@/components/**", "@/inngest/**"],
    "lib/ never imports app/, components/ or inngest/: pass what it needs in.",
  ),
  layer(["next", "next/**"], "lib/ is framework-free; only lib/auth/guard.ts may import next/*."),
];
const TESTS = ["**/*.test.ts", "**/*.test.tsx", "e2e/**"];
/** Links come from components/ui/link.tsx, which does not prefetch (the why is there). */
const NEXT_LINK = [
  {
    name: "next/link",
    message: 'Import { Link } from "@/components/ui/link": it does not prefetch on live refreshes.',
  },
];
const COMPONENT_BANS = [
  tooling,
  layer(["@/app/**"], "Components never import app/: the page passes actions in as props."),
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "lib/generated/**",
      "coverage/**",
      ".data/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    ignores: [...TESTS, "lib/auth/guard.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: LIB_BANS }] },
  },
  {
    files: ["lib/auth/guard.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: LIB_BANS.slice(0, 2) }] },
  },
  {
    files: ["components/**/*.{ts,tsx}"],
    ignores: TESTS,
    rules: {
      "no-restricted-imports": ["error", { paths: NEXT_LINK, patterns: COMPONENT_BANS }],
    },
  },
  {
    files: ["components/ui/link.tsx"],
    rules: { "no-restricted-imports": ["error", { patterns: COMPONENT_BANS }] },
  },
  {
    files: ["app/**/*.{ts,tsx}", "inngest/**/*.ts", "proxy.ts", "instrumentation.ts"],
    ignores: TESTS,
    rules: { "no-restricted-imports": ["error", { paths: NEXT_LINK, patterns: [tooling] }] },
  },
  {
    rules: {
      "@typescript-eslint/ban-ts-comment": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
];
export default config;
