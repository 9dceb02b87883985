package io.tenure.connector.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ListCellTest {

  private final ListCell cell = new ListCell(';');

  @Test
  void joinsAndEscapes() {
    assertThat(cell.join(List.of("a", "b;c", "d\\e"))).isEqualTo("a;b\\;c;d\\\\e");
    assertThat(cell.split("a;b\\;c;d\\\\e")).containsExactly("a", "b;c", "d\\e");
    assertThat(cell.split("")).isEmpty();
    assertThat(cell.split("x;;y;")).containsExactly("x", "y");
  }

  @Test
  void randomListsRoundTrip() {
    long seed = new Random().nextLong();
    Random random = new Random(seed);
    String alphabet = "ab;\\ ,\"é李\n";
    for (int round = 0; round < 2000; round++) {
      List<String> values = new ArrayList<>();
      int count = random.nextInt(5);
      for (int index = 0; index < count; index++) {
        StringBuilder value = new StringBuilder();
        int length = 1 + random.nextInt(6);
        for (int position = 0; position < length; position++) {
          value.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        values.add(value.toString());
      }
      assertThat(cell.split(cell.join(values)))
          .as("seed %d, values %s", seed, values)
          .isEqualTo(values);
    }
  }
}
