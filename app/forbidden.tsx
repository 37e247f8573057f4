import { Link } from "@/components/ui/link";

export default function Forbidden() {
  return (
    <div className="rounded-lg border border-amber-200 bg-amber-50 p-4">
      <h1 className="font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-1 text-sm">Your role does not include it. Ask a founder if you need it.</p>
      <Link href="/customers" className="mt-2 inline-block text-sm text-indigo-700 underline">
        Go to customers
      </Link>
    </div>
  );
}
