import {
  LoadingRegion,
  SkeletonFilters,
  SkeletonHeading,
  SkeletonTable,
} from "@/components/ui/skeleton";

/** The event ledger while it loads: heading, filters and a table of events. */
export default function Loading() {
  return (
    <LoadingRegion label="Loading events…">
      <SkeletonHeading />
      <SkeletonFilters fields={6} />
      <SkeletonTable rows={10} columns={4} />
    </LoadingRegion>
  );
}
