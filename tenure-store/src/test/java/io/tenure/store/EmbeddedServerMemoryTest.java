package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EmbeddedServerMemoryTest {

  private static final long GIBIBYTE = 1024L * EmbeddedServerMemory.MEBIBYTE;

  private static EmbeddedServerMemory machine(long memory) {
    return EmbeddedServerMemory.of(memory, name -> null);
  }

  private static EmbeddedServerMemory chosen(String value) {
    return EmbeddedServerMemory.of(
        64 * GIBIBYTE, Map.of(EmbeddedServerMemory.SHARED_BUFFERS_VARIABLE, value)::get);
  }

  @Test
  void theCacheIsAnEighthOfTheMachineBetween128MegabytesAndOneGigabyte() {
    assertThat(machine(4 * GIBIBYTE).sharedBuffers()).isEqualTo("512MB");
    assertThat(machine(2 * GIBIBYTE).sharedBuffers()).isEqualTo("256MB");
    assertThat(machine(GIBIBYTE).sharedBuffers()).isEqualTo("128MB");
    assertThat(machine(0).sharedBuffers()).isEqualTo("128MB");
    assertThat(machine(24 * GIBIBYTE).sharedBuffers()).isEqualTo("1024MB");
    assertThat(machine(24 * GIBIBYTE).maxWalSize()).isEqualTo("4GB");
  }

  @Test
  void theVariableChoosesTheCacheInMegabytesOrGigabytes() {
    assertThat(chosen("512MB").sharedBuffers()).isEqualTo("512MB");
    assertThat(chosen(" 2gb ").sharedBuffers()).isEqualTo("2048MB");
    assertThat(chosen("128 MB").sharedBuffers()).isEqualTo("128MB");
    assertThat(chosen("  ").sharedBuffers()).isEqualTo("1024MB");
  }

  @Test
  void aBadValueOfTheVariableIsRefusedWithItsNameAndValue() {
    assertThatThrownBy(() -> chosen("lots"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("TENURE_STORE_SHARED_BUFFERS: 'lots' is not a size such as 512MB or 2GB");
    assertThatThrownBy(() -> chosen("64MB"))
        .hasMessage("TENURE_STORE_SHARED_BUFFERS: '64MB' is less than the 128MB the store needs");
    assertThatThrownBy(() -> chosen("2TB")).hasMessageContaining("'2TB' is not a size");
  }
}
