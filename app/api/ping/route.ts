// GET/POST /api/ping — liveness without touching the database (load balancers; the
// benchmark's bare-route baseline)
export const dynamic = "force-dynamic";

export function GET(): Response {
  return Response.json({ ok: true });
}

export function POST(): Response {
  return Response.json({ ok: true });
}
