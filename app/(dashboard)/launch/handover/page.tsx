import type { Metadata } from "next";
import { HandoverView } from "@/components/launch/handover-view";
import { requirePage } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { handoverConfig } from "@/lib/launch/config";
import { buildHandover } from "@/lib/launch/handover/build-handover";

export const metadata: Metadata = { title: "Handover" };
export const dynamic = "force-dynamic";

/** The handover document as a page to print (names and dates, never secret values). */
export default async function HandoverPage() {
  await requirePage("/launch/handover");
  const doc = await buildHandover(db, handoverConfig());
  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-600 print:hidden">
        Print this page (Ctrl/Cmd + P) or{" "}
        <a className="text-indigo-700 underline" href="/api/launch/handover" download>
          download it as Markdown
        </a>
        .
      </p>
      <HandoverView doc={doc} />
    </div>
  );
}
