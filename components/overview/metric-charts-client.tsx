"use client";

import { useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { SeriesPoint, SeriesRange } from "@/lib/metrics/time-series";

const label = (range: SeriesRange) => (iso: string) => {
  const d = new Date(iso);
  return range === "24h"
    ? `${String(d.getUTCHours()).padStart(2, "0")}:00`
    : `${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
};

function Chart({ title, children }: { title: string; children: React.ReactElement }) {
  return (
    <figure className="rounded-lg border border-slate-200 bg-white p-2">
      <figcaption className="mb-1 text-xs font-medium text-slate-600">{title}</figcaption>
      <div className="h-40 w-full">
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </figure>
  );
}

/** Volume, failure rate and sync latency p95 over 24 h or 7 d (UTC buckets). */
export function MetricCharts({ series }: { series: Record<SeriesRange, SeriesPoint[]> }) {
  const [range, setRange] = useState<SeriesRange>("24h");
  const data = series[range].map((p) => ({
    ...p,
    failurePct: p.failureRate === null ? null : Math.round(p.failureRate * 1000) / 10,
  }));
  const tick = label(range);
  const empty = data.every((p) => p.received === 0 && p.latencyP95 === null);
  return (
    <div data-testid="metric-charts">
      <div className="mb-2 flex gap-1" role="group" aria-label="Chart range">
        {(["24h", "7d"] as const).map((r) => (
          <button
            key={r}
            type="button"
            onClick={() => setRange(r)}
            aria-pressed={range === r}
            className={`rounded border px-2 py-0.5 text-xs ${range === r ? "border-indigo-500 bg-indigo-50 text-indigo-800" : "border-slate-300 hover:bg-slate-100"}`}
          >
            {r === "24h" ? "24 hours" : "7 days"}
          </button>
        ))}
      </div>
      {empty ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-sm text-slate-600">
          No webhooks or sync tasks in this period yet.
        </p>
      ) : (
        <div className="grid grid-cols-1 gap-2 lg:grid-cols-3">
          <Chart title="Webhooks received">
            <BarChart data={data}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="at" tickFormatter={tick} fontSize={10} minTickGap={16} />
              <YAxis allowDecimals={false} fontSize={10} width={28} />
              <Tooltip labelFormatter={(v) => new Date(String(v)).toUTCString()} />
              <Bar dataKey="received" name="received" fill="#6366f1" />
            </BarChart>
          </Chart>
          <Chart title="Webhook failure rate (%)">
            <LineChart data={data}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="at" tickFormatter={tick} fontSize={10} minTickGap={16} />
              <YAxis fontSize={10} width={28} />
              <Tooltip labelFormatter={(v) => new Date(String(v)).toUTCString()} />
              <Line
                dataKey="failurePct"
                name="failure %"
                stroke="#dc2626"
                dot={{ r: 2 }}
                connectNulls
              />
            </LineChart>
          </Chart>
          <Chart title="Sync latency p95 (s)">
            <LineChart data={data}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="at" tickFormatter={tick} fontSize={10} minTickGap={16} />
              <YAxis fontSize={10} width={28} />
              <Tooltip labelFormatter={(v) => new Date(String(v)).toUTCString()} />
              <Line
                dataKey="latencyP95"
                name="p95 s"
                stroke="#0891b2"
                dot={{ r: 2 }}
                connectNulls
              />
            </LineChart>
          </Chart>
        </div>
      )}
    </div>
  );
}
