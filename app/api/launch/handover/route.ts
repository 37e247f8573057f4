// GET /api/launch/handover — the handover document as a Markdown download (names, never secret values)
import { withPermission } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { handoverConfig } from "@/lib/launch/config";
import { buildHandover, handoverMarkdown } from "@/lib/launch/handover/build-handover";

export const dynamic = "force-dynamic";

export const GET = withPermission("launch.read", async () => {
  const doc = await buildHandover(db, handoverConfig());
  const name = `launch-ready-handover-${doc.generatedAt.toISOString().slice(0, 10)}.md`;
  return new Response(handoverMarkdown(doc), {
    headers: {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${name}"`,
      "cache-control": "no-store",
    },
  });
});
