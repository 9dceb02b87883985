package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnpackedBinariesTest {

  @TempDir Path working;

  @Test
  void anUnfinishedUnpackingIsEmptiedAndAFinishedOneKept() throws Exception {
    Path unfinished = halfUnpacked("PG-unfinished");
    Path finished = halfUnpacked("PG-finished");
    Files.writeString(finished.resolve(".exists"), "");
    Path other = Files.createDirectories(working.resolve("something-else"));
    Files.writeString(other.resolve("file"), "kept");

    assertThat(UnpackedBinaries.clearUnfinished(working)).containsExactly(unfinished);

    try (Stream<Path> left = Files.list(unfinished)) {
      assertThat(left.map(path -> path.getFileName().toString())).containsExactly("epg-lock");
    }
    assertThat(finished.resolve("lib/libicuuc.so")).isSymbolicLink();
    assertThat(finished.resolve("bin/postgres")).exists();
    assertThat(other.resolve("file")).hasContent("kept");
    // the link's target, outside the folder, is not followed
    assertThat(working.resolve("target-of-link")).hasContent("library");
  }

  @Test
  void aFolderBeingUnpackedNowIsLeftAlone() throws Exception {
    Path unpacking = halfUnpacked("PG-unpacking");
    try (FileChannel channel =
            FileChannel.open(
                unpacking.resolve("epg-lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = channel.lock()) {
      assertThat(held.isValid()).isTrue();
      assertThat(UnpackedBinaries.clearUnfinished(working)).isEmpty();
    }
    assertThat(unpacking.resolve("bin/postgres")).exists();
    assertThat(UnpackedBinaries.clearUnfinished(working)).containsExactly(unpacking);
  }

  @Test
  void aMissingWorkingDirectoryIsNothingToDo() {
    assertThat(UnpackedBinaries.clearUnfinished(working.resolve("absent"))).isEmpty();
  }

  private Path halfUnpacked(String name) throws Exception {
    Path folder = Files.createDirectories(working.resolve(name));
    Files.createDirectories(folder.resolve("bin"));
    Files.writeString(folder.resolve("bin/postgres"), "binary");
    Files.createDirectories(folder.resolve("lib"));
    Path target = working.resolve("target-of-link");
    if (!Files.exists(target)) {
      Files.writeString(target, "library");
    }
    Files.createSymbolicLink(folder.resolve("lib/libicuuc.so"), target);
    return folder;
  }
}
