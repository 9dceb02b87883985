package io.tenure.engine.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.engine.ingest.StrictDecodingReader.Undecodable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictDecodingReaderTest {

  @Test
  void decodesAcrossBufferBoundariesAndNamesTheLineOfEachBadSequence() throws IOException {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    StringBuilder expected = new StringBuilder();
    for (int line = 1; line <= 20_000; line++) {
      String text = "Zoë Łukasiewicz 太郎 " + line;
      content.writeBytes(text.getBytes(StandardCharsets.UTF_8));
      expected.append(text);
      if (line == 12_345 || line == 19_999) {
        content.write(0xFF);
        expected.append(StrictDecodingReader.REPLACEMENT);
      }
      String end = line % 3 == 0 ? "\r\n" : line % 3 == 1 ? "\n" : "\r";
      content.writeBytes(end.getBytes(StandardCharsets.US_ASCII));
      expected.append(end);
    }

    StrictDecodingReader reader =
        new StrictDecodingReader(
            new ByteArrayInputStream(content.toByteArray()), StandardCharsets.UTF_8);
    String text = readAll(reader, 777);

    assertThat(text).isEqualTo(expected.toString());
    assertThat(reader.takeThrough(12_344)).isEmpty();
    assertThat(reader.takeThrough(20_000))
        .containsExactly(new Undecodable(12_345, "0xFF"), new Undecodable(19_999, "0xFF"));
    assertThat(reader.takeThrough(Long.MAX_VALUE)).isEmpty();
  }

  @Test
  void aSequenceCutOffByTheEndOfTheFileIsUndecodableToo() throws IOException {
    byte[] content = {'a', '\n', 'b', (byte) 0xE2, (byte) 0x82};
    StrictDecodingReader reader =
        new StrictDecodingReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8);

    assertThat(readAll(reader, 1)).isEqualTo("a\nb" + StrictDecodingReader.REPLACEMENT);
    assertThat(reader.takeThrough(2)).containsExactly(new Undecodable(2, "0xE2 0x82"));
  }

  private static String readAll(Reader reader, int chunk) throws IOException {
    StringBuilder text = new StringBuilder();
    char[] buffer = new char[chunk];
    int read;
    while ((read = reader.read(buffer, 0, chunk)) >= 0) {
      text.append(buffer, 0, read);
    }
    return text.toString();
  }
}
