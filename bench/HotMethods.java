import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises the method samples of a JFR recording (JDK 17 has no {@code jfr view}): for each
 * phase (time window), the share of samples per thread (names with their numbers folded, {@code
 * worker-3} counts as {@code worker-#}), the hottest methods where the samples were taken (self),
 * the innermost Tenure frame of each sample (which Tenure line made the call that was running or
 * waiting) and the hottest Tenure methods on the stacks (total: a sample counts once for every
 * method on its stack; lambdas left out). {@code jdk.ExecutionSample} is Java code on the CPU; {@code jdk.NativeMethodSample}
 * is threads in native code, mostly waiting on a socket (PostgreSQL, LDAP) or parked.
 *
 * <p>Arguments: FILE.jfr [PHASE=FROM_MS-TO_MS ...] (epoch milliseconds, as printed by {@code
 * bench/initial-load.sh}); without phases, the whole recording. Optional {@code --top=N}
 * (default 15), {@code --prefix=io.tenure.} (the packages of the "innermost" and "total" tables)
 * and {@code --threads=NAME} (only threads whose name starts so, e.g. {@code tenure-worker-}).
 */
public class HotMethods {

  record Phase(String name, long from, long to) {}

  static final class Tally {
    int samples;
    final Map<String, Integer> threads = new HashMap<>();
    final Map<String, Integer> self = new HashMap<>();
    final Map<String, Integer> total = new HashMap<>();
    final Map<String, Integer> innermost = new HashMap<>();
  }

  public static void main(String[] args) throws Exception {
    Path file = null;
    List<Phase> phases = new ArrayList<>();
    int top = 15;
    String prefix = "io.tenure.";
    String threads = "";
    for (String arg : args) {
      if (arg.startsWith("--top=")) {
        top = Integer.parseInt(arg.substring(6));
      } else if (arg.startsWith("--threads=")) {
        threads = arg.substring(10);
      } else if (arg.startsWith("--prefix=")) {
        prefix = arg.substring(9);
      } else if (arg.contains("=")) {
        String[] nameAndRange = arg.split("=", 2);
        String[] range = nameAndRange[1].split("-", 2);
        phases.add(
            new Phase(nameAndRange[0], Long.parseLong(range[0]), Long.parseLong(range[1])));
      } else {
        file = Path.of(arg);
      }
    }
    if (file == null) {
      throw new IllegalArgumentException("usage: HotMethods FILE.jfr [PHASE=FROM_MS-TO_MS ...]");
    }
    if (phases.isEmpty()) {
      phases.add(new Phase("whole recording", Long.MIN_VALUE, Long.MAX_VALUE));
    }
    Map<String, Tally> tallies = new HashMap<>();
    for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
      String type = event.getEventType().getName();
      if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
        continue;
      }
      RecordedThread thread = event.getThread("sampledThread");
      String threadName = thread == null || thread.getJavaName() == null ? "?" : thread.getJavaName();
      if (!threadName.startsWith(threads)) {
        continue;
      }
      long at = event.getStartTime().toEpochMilli();
      for (Phase phase : phases) {
        if (at >= phase.from() && at < phase.to()) {
          Tally tally = tallies.computeIfAbsent(phase.name() + "\u0000" + type, key -> new Tally());
          count(tally, event, threadName, prefix);
        }
      }
    }
    for (Phase phase : phases) {
      System.out.printf(
          "%n=== %s%s%n",
          phase.name(),
          phase.from() == Long.MIN_VALUE
              ? ""
              : " (" + Instant.ofEpochMilli(phase.from()) + ", "
                  + (phase.to() - phase.from()) / 1000.0 + " s)");
      for (String type : List.of("jdk.ExecutionSample", "jdk.NativeMethodSample")) {
        Tally tally = tallies.get(phase.name() + "\u0000" + type);
        if (tally == null) {
          System.out.printf("%n%s: no samples%n", type);
          continue;
        }
        System.out.printf("%n%s: %d samples%n  by thread:%n", type, tally.samples);
        print(tally.threads, tally.samples, top);
        System.out.printf("  self (top frame):%n");
        print(tally.self, tally.samples, top);
        System.out.printf("  innermost %s frame (method:line):%n", prefix);
        print(tally.innermost, tally.samples, top);
        System.out.printf("  total (%s methods anywhere on the stack):%n", prefix);
        print(tally.total, tally.samples, top);
      }
    }
  }

  static void count(Tally tally, RecordedEvent event, String threadName, String prefix) {
    tally.samples++;
    tally.threads.merge(threadName.replaceAll("\\d+", "#"), 1, Integer::sum);
    if (event.getStackTrace() == null) {
      return;
    }
    List<RecordedFrame> frames = event.getStackTrace().getFrames();
    if (!frames.isEmpty()) {
      tally.self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
    }
    Set<String> seen = new HashSet<>();
    for (RecordedFrame frame : frames) {
      String method = name(frame.getMethod());
      if (method.startsWith(prefix) && !method.contains("$$Lambda")) {
        if (seen.isEmpty()) {
          tally.innermost.merge(method + ":" + frame.getLineNumber(), 1, Integer::sum);
        }
        if (seen.add(method)) {
          tally.total.merge(method, 1, Integer::sum);
        }
      }
    }
  }

  static String name(RecordedMethod method) {
    return method == null ? "?" : method.getType().getName() + "." + method.getName();
  }

  static void print(Map<String, Integer> counts, int samples, int top) {
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(
            entry ->
                System.out.printf(
                    "    %5.1f%%  %6d  %s%n",
                    100.0 * entry.getValue() / samples, entry.getValue(), entry.getKey()));
  }
}
