import {
  LoadingRegion,
  SkeletonFilters,
  SkeletonHeading,
  SkeletonTable,
} from "@/components/ui/skeleton";

/** The customers list while it loads: heading, filters and a table of people. */
export default function Loading() {
  return (
    <LoadingRegion label="Loading customers…">
      <SkeletonHeading />
      <SkeletonFilters fields={7} />
      <SkeletonTable rows={10} columns={5} />
    </LoadingRegion>
  );
}
