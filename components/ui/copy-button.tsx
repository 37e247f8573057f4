"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";

/** Copies `text` to the clipboard and says so; ids and secrets sit behind one of these. */
export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [done, setDone] = useState<"copied" | "failed" | null>(null);
  return (
    <Button
      size="sm"
      onClick={async () => {
        try {
          await navigator.clipboard.writeText(text);
          setDone("copied");
        } catch {
          setDone("failed");
        }
        setTimeout(() => setDone(null), 2000);
      }}
    >
      <span aria-live="polite">
        {done === "copied" ? "Copied" : done === "failed" ? "Copy failed: select it" : label}
      </span>
    </Button>
  );
}
