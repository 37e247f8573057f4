import { Link } from "@/components/ui/link";

export default function NotFound() {
  return (
    <div className="rounded-lg border border-slate-200 bg-white p-4">
      <h1 className="font-semibold">Not found</h1>
      <Link href="/" className="mt-2 inline-block text-sm text-indigo-700 underline">
        Back to the dashboard
      </Link>
    </div>
  );
}
