"use client";

import { useState } from "react";
import { Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { UptimePoint, UptimeRange } from "@/lib/launch/uptime/stats";

const tick = (range: UptimeRange) => (iso: string) => {
  const d = new Date(iso);
  return range === "24h"
    ? `${String(d.getUTCHours()).padStart(2, "0")}:00`
    : `${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
};

/** Uptime % and p95 latency of one URL over 24 h, 7 d or 30 d (UTC buckets). */
export function UptimeCharts({ series }: { series: Record<UptimeRange, UptimePoint[]> }) {
  const [range, setRange] = useState<UptimeRange>("24h");
  const data = series[range].map((p) => ({
    ...p,
    uptimePct: p.uptime === null ? null : Math.round(p.uptime * 1000) / 10,
  }));
  return (
    <div data-testid="uptime-charts">
      <div className="mb-2 flex gap-1" role="group" aria-label="Chart range">
        {(["24h", "7d", "30d"] as const).map((r) => (
          <button
            key={r}
            type="button"
            aria-pressed={range === r}
            onClick={() => setRange(r)}
            className={`rounded px-2 py-0.5 text-xs font-medium ${range === r ? "bg-indigo-700 text-white" : "border border-slate-300 bg-white text-slate-700"}`}
          >
            {r}
          </button>
        ))}
      </div>
      {data.length === 0 ? (
        <p className="text-xs text-slate-500">No probes in this range yet.</p>
      ) : (
        <div className="grid gap-2 sm:grid-cols-2">
          <figure className="rounded border border-slate-200 p-2">
            <figcaption className="mb-1 text-xs font-medium text-slate-600">Uptime %</figcaption>
            <div className="h-32 w-full">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={data}>
                  <XAxis dataKey="at" tickFormatter={tick(range)} fontSize={10} minTickGap={24} />
                  <YAxis domain={[0, 100]} fontSize={10} width={32} />
                  <Tooltip labelFormatter={(l) => new Date(String(l)).toISOString().slice(0, 16)} />
                  <Line
                    dataKey="uptimePct"
                    name="uptime %"
                    stroke="#047857"
                    dot={false}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
          <figure className="rounded border border-slate-200 p-2">
            <figcaption className="mb-1 text-xs font-medium text-slate-600">
              p95 latency (ms)
            </figcaption>
            <div className="h-32 w-full">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={data}>
                  <XAxis dataKey="at" tickFormatter={tick(range)} fontSize={10} minTickGap={24} />
                  <YAxis fontSize={10} width={40} />
                  <Tooltip labelFormatter={(l) => new Date(String(l)).toISOString().slice(0, 16)} />
                  <Line
                    dataKey="p95LatencyMs"
                    name="p95 ms"
                    stroke="#4338ca"
                    dot={false}
                    isAnimationActive={false}
                  />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
        </div>
      )}
    </div>
  );
}
