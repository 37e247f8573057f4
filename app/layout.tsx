import type { Metadata, Viewport } from "next";
import { TopNav } from "@/components/nav/top-nav";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Launch Ready", template: "%s · Launch Ready" },
  description: "Founder ops dashboard: payments, CRM and support in one correct flow.",
  icons: { icon: "/favicon.svg" },
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
          Skip to content
        </a>
        <TopNav />
        <main id="main" className="mx-auto max-w-6xl px-3 py-4 sm:px-6 sm:py-6">
          {children}
        </main>
      </body>
    </html>
  );
}
