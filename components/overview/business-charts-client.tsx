"use client";

import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { BusinessSeries } from "@/lib/overview/business";

const dayTick = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return `${d.getUTCDate()}/${d.getUTCMonth() + 1}`;
};

// Distinct colours per access status (blocked ≠ past due ≠ canceled).
const MIX = [
  { key: "active", name: "active", color: "#059669" },
  { key: "trial", name: "trial", color: "#0284c7" },
  { key: "past_due", name: "past due", color: "#d97706" },
  { key: "blocked", name: "blocked", color: "#dc2626" },
  { key: "canceled", name: "canceled", color: "#52525b" },
  { key: "lead", name: "lead", color: "#a5b4fc" },
];

function Chart({
  title,
  testId,
  empty,
  emptyText,
  children,
}: {
  title: string;
  testId: string;
  empty: boolean;
  emptyText: string;
  children: React.ReactElement;
}) {
  return (
    <figure
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-2"
      data-testid={testId}
    >
      <figcaption className="mb-1 text-xs font-medium text-slate-600">{title}</figcaption>
      {empty ? (
        <p className="flex h-44 items-center justify-center p-4 text-center text-sm text-slate-600">
          {emptyText}
        </p>
      ) : (
        <div className="h-44 w-full">
          <ResponsiveContainer width="100%" height="100%">
            {children}
          </ResponsiveContainer>
        </div>
      )}
    </figure>
  );
}

/** Access mix over time, revenue at risk and recovered per week, payment → access delay. */
export function BusinessCharts({ series }: { series: BusinessSeries }) {
  const cur = series.currency ?? "";
  const weeks = series.weeks.map((w) => ({
    ...w,
    atRisk: w.atRisk / 100,
    recovered: w.recovered / 100,
  }));
  const noMoney = weeks.every((w) => w.atRisk === 0 && w.recovered === 0);
  const delay = series.delay.map((d) => ({
    ...d,
    p50: d.p50 === null ? null : Math.round(d.p50 * 10) / 10,
    p95: d.p95 === null ? null : Math.round(d.p95 * 10) / 10,
  }));
  return (
    <div className="grid grid-cols-1 gap-2 lg:grid-cols-3" data-testid="business-charts">
      <Chart
        title="Access mix over time (people per status, end of day)"
        testId="chart-access-mix"
        empty={series.accessMix.length === 0}
        emptyText="No access changes yet: the mix appears once Stripe, your CRM or your app sends the first customer."
      >
        <AreaChart data={series.accessMix}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={dayTick} fontSize={10} minTickGap={16} />
          <YAxis allowDecimals={false} fontSize={10} width={28} />
          <Tooltip labelFormatter={(v) => String(v)} />
          <Legend wrapperStyle={{ fontSize: 10 }} />
          {MIX.map((m) => (
            <Area
              key={m.key}
              dataKey={m.key}
              name={m.name}
              stackId="mix"
              stroke={m.color}
              fill={m.color}
              fillOpacity={0.5}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </Chart>
      <Chart
        title={`Revenue at risk and recovered per week (${cur || "no currency yet"})`}
        testId="chart-revenue"
        empty={noMoney}
        emptyText="No failed payments in the last six weeks: nothing at risk, nothing to recover."
      >
        <BarChart data={weeks}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="week" tickFormatter={dayTick} fontSize={10} minTickGap={8} />
          <YAxis fontSize={10} width={36} />
          <Tooltip labelFormatter={(v) => `Week of ${String(v)}`} />
          <Legend wrapperStyle={{ fontSize: 10 }} />
          <Bar
            dataKey="atRisk"
            name="at risk (failed, unpaid)"
            fill="#d97706"
            isAnimationActive={false}
          />
          <Bar dataKey="recovered" name="recovered" fill="#059669" isAnimationActive={false} />
        </BarChart>
      </Chart>
      <Chart
        title="Payment → access (seconds, per day)"
        testId="chart-delay"
        empty={delay.length === 0}
        emptyText="No payment has turned into access in the last six weeks yet; the delay shows once one does."
      >
        <BarChart data={delay}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tickFormatter={dayTick} fontSize={10} minTickGap={16} />
          <YAxis fontSize={10} width={36} />
          <Tooltip labelFormatter={(v) => String(v)} />
          <Legend wrapperStyle={{ fontSize: 10 }} />
          <Bar dataKey="p50" name="median s" fill="#6366f1" isAnimationActive={false} />
          <Bar dataKey="p95" name="p95 s" fill="#0891b2" isAnimationActive={false} />
        </BarChart>
      </Chart>
    </div>
  );
}
