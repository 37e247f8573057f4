/**
 * What a newcomer is looking at in the demo, so nothing red at install is a mystery: the
 * people and their histories are made up, and two alerts fire on purpose.
 */
export function DemoNote() {
  return (
    <details
      className="rounded-lg border border-indigo-200 bg-indigo-50 p-3 text-sm text-indigo-950"
      data-testid="demo-note"
    >
      <summary className="cursor-pointer font-medium">
        This is demo data: two dozen made-up customers, six weeks of history
      </summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>
          Hana Okafor and Kwame Mensah are past due: send a payment link. Kwame&apos;s request to
          keep access until his new card arrives waits in Approvals, with Priya Raman&apos;s refund.
        </li>
        <li>
          Blocked, each for a different reason: a refund (Daniel Kim), a dispute (Jonas Berg), an
          admin&apos;s block (Aisha Diallo), a grace period that ran out (Tomasz Wójcik, Marco
          Bianchi).
        </li>
        <li>
          Noor Rahimi typed her email without a dot in Stripe, so HubSpot refuses her contact: that
          is the open exception and the firing &ldquo;Any dead sync task&rdquo; alert. Fix the
          email, then retry.
        </li>
        <li>
          The &ldquo;ticket creation spike&rdquo; alert fires because the whole demo history was
          delivered at install, so every support ticket opened in the same hour; it resolves by
          itself within the hour.
        </li>
      </ul>
    </details>
  );
}
