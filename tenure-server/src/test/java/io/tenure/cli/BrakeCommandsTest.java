package io.tenure.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The brake's and the event-driven import's commands parse before any store starts. */
class BrakeCommandsTest {

  @TempDir Path folder;

  private CliRun run(String... arguments) {
    return CliRun.inFolder(folder, arguments);
  }

  @Test
  void theCommandsAreListedWithTheirOptions() {
    assertThat(run("--help").out).contains("plans", "resume", "reject", "import");
    assertThat(run("plans", "--help").out).contains("--held", "--format", "--limit");
    assertThat(run("resume", "--help").out).contains("PLAN", "--reason");
    assertThat(run("reject", "--help").out).contains("PLAN", "--reason");
    assertThat(run("import", "--help").out).contains("--source", "--file", "--format");
  }

  @Test
  void rejectAndResumeNeedAReasonAndAPlan() {
    CliRun reject = run("reject", "plan-1");
    assertThat(reject.exitCode).as(reject.toString()).isEqualTo(2);
    assertThat(reject.err).contains("--reason");
    CliRun resume = run("resume", "plan-1");
    assertThat(resume.exitCode).as(resume.toString()).isEqualTo(2);
    assertThat(resume.err).contains("--reason");
    CliRun blank = run("resume", "plan-1", "--reason", " ");
    assertThat(blank.exitCode).as(blank.toString()).isEqualTo(2);
    assertThat(blank.err).contains("--reason must not be blank");
    assertThat(run("resume").exitCode).isEqualTo(2);
    assertThat(run("plans", "--format", "xml").exitCode).isEqualTo(2);
  }
}
