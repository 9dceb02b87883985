package io.tenure.cli;

import io.tenure.engine.configuration.SourceDefinition;
import io.tenure.engine.provisioning.Provisioning;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options of the commands that import ({@code plan}, {@code apply}, {@code import}): which
 * source, which file, and whether a file older than the last one imported may be imported.
 */
final class SourceOptions {

  @Option(
      names = "--source",
      paramLabel = "NAME",
      description = "Import only this source (default: every configured source).")
  @Nullable String source;

  @Option(
      names = "--file",
      paramLabel = "PATH",
      description = "Read this file instead of the source's configured file (needs --source).")
  @Nullable Path file;

  @Option(
      names = "--allow-older",
      description =
          "Import a source file even when it is older (modified earlier, other content) than the"
              + " file last imported from that source; without it such a file is refused.")
  boolean allowOlder;

  /** Whether a source or a file was chosen on the command line. */
  boolean chosen() {
    return source != null || file != null;
  }

  /** The provisioning, allowing older snapshots when {@code --allow-older} was given. */
  Provisioning provisioning(Provisioning provisioning) {
    return allowOlder ? provisioning.allowingOlderSnapshots() : provisioning;
  }

  /** The sources chosen: every configured source, or the one named, reading the file given. */
  List<SourceDefinition> sources(Provisioning provisioning) {
    return provisioning.sources(source, file == null ? null : file.toAbsolutePath().normalize());
  }
}
