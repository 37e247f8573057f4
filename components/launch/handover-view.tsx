import type { Handover } from "@/lib/launch/handover/build-handover";
import { ScrollRegion } from "@/components/ui/scroll-region";

/** **bold** and `code` in a runbook line, nothing else. */
function Inline({ text }: { text: string }) {
  const parts = text.split(/(\*\*[^*]+\*\*|`[^`]+`)/);
  return (
    <>
      {parts.map((p, i) =>
        p.startsWith("**") ? (
          <strong key={i}>{p.slice(2, -2)}</strong>
        ) : p.startsWith("`") ? (
          <code key={i}>{p.slice(1, -1)}</code>
        ) : (
          p
        ),
      )}
    </>
  );
}

/** The handover document as a printable page. */
export function HandoverView({ doc }: { doc: Handover }) {
  return (
    <article className="space-y-5 text-sm print:text-xs" data-testid="handover">
      <header>
        <h1 className="text-xl font-semibold">{doc.title}</h1>
        <p className="text-slate-600">Generated {doc.generatedAt.toISOString()}.</p>
      </header>
      {doc.sections.map((s) => (
        <section key={s.title} className="break-inside-avoid-page space-y-2">
          <h2 className="text-lg font-semibold">{s.title}</h2>
          {s.blocks.map((b, i) =>
            b.kind === "p" ? (
              <p key={i}>
                <Inline text={b.text} />
              </p>
            ) : b.kind === "list" ? (
              <ul key={i} className="list-disc space-y-0.5 pl-5">
                {b.items.map((item, j) => (
                  <li key={j} className="break-words">
                    <Inline text={item} />
                  </li>
                ))}
              </ul>
            ) : (
              <ScrollRegion key={i} label={`${s.title}: table`}>
                <table className="w-full border-collapse text-left text-xs">
                  <thead>
                    <tr>
                      {b.head.map((h) => (
                        <th
                          key={h}
                          className="border border-slate-300 bg-slate-50 px-1.5 py-1 font-medium"
                        >
                          {h}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {b.rows.map((r, j) => (
                      <tr key={j}>
                        {r.map((c, k) => (
                          <td
                            key={k}
                            className="border border-slate-300 px-1.5 py-1 align-top break-words"
                          >
                            {c}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            ),
          )}
        </section>
      ))}
    </article>
  );
}
