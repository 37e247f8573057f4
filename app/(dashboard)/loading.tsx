import { LoadingRegion, Skeleton, SkeletonHeading } from "@/components/ui/skeleton";

/** Shown while any dashboard page reads its data (the layout has already checked access). */
export default function Loading() {
  return (
    <LoadingRegion label="Loading…">
      <SkeletonHeading />
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} className="h-20" />
        ))}
      </div>
      <Skeleton className="h-64" />
    </LoadingRegion>
  );
}
