package io.tenure.cli.demo;

import java.time.LocalDate;
import java.util.List;

/**
 * One step of the demo story: on {@code date}, HR delivers {@code snapshot} (a bundled CSV file).
 *
 * @param title a short title
 * @param date the day the step happens
 * @param snapshot the HR file name
 * @param narrative what happens in HR, in a few lines
 */
public record DemoStep(String title, LocalDate date, String snapshot, List<String> narrative) {

  public DemoStep {
    narrative = List.copyOf(narrative);
  }

  /** The bundled story: joiners, movers, a leave, leavers, a rehire and a retention delete. */
  public static List<DemoStep> story() {
    return List.of(
        new DemoStep(
            "Initial load: joiners",
            LocalDate.parse("2026-01-05"),
            "hr-1-initial-load.csv",
            List.of(
                "HR delivers 200 people. Everyone at work gets an account and birthright groups.",
                "Frank Li starts on 2026-01-08: a pre-hire, his account is prepared, disabled.",
                "Grace Hopper starts on 2026-03-02: too early for an account.")),
        new DemoStep(
            "Transfer and promotion: movers",
            LocalDate.parse("2026-02-02"),
            "hr-2-transfer-and-promotion.csv",
            List.of(
                "Alice Martin transfers from Engineering to Sales.",
                "Bob Nguyen is promoted to Engineering Manager.",
                "Frank Li started on 2026-01-08: his account is enabled.")),
        new DemoStep(
            "Leave of absence",
            LocalDate.parse("2026-03-02"),
            "hr-3-leave-of-absence.csv",
            List.of(
                "Carol Dubois goes on leave: her account is disabled, her groups are kept.",
                "Grace Hopper starts today.")),
        new DemoStep(
            "Terminations: leavers",
            LocalDate.parse("2026-04-01"),
            "hr-4-termination.csv",
            List.of(
                "Carol Dubois is back from leave.",
                "Dave Okafor left on 2026-03-31 and Erin Kowalski on 2026-03-27: their accounts"
                    + " are disabled and every group membership removed in the same plan.")),
        new DemoStep(
            "Rehire",
            LocalDate.parse("2026-04-20"),
            "hr-5-rehire.csv",
            List.of(
                "Dave Okafor is rehired: the same account is enabled again and his birthright"
                    + " groups restored; no second account.")),
        new DemoStep(
            "Retention",
            LocalDate.parse("2026-05-15"),
            "hr-5-rehire.csv",
            List.of(
                "No HR change. Erin Kowalski's account has been disabled for more than the"
                    + " 30-day retention: it is deleted.")));
  }
}
