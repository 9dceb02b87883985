package io.tenure.engine.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;

/**
 * Decodes a byte stream in a charset as it is read, strictly but without giving up: a byte sequence
 * that is not valid in the charset (malformed or unmappable) becomes one {@value #REPLACEMENT}
 * character and is remembered with the line it is on, so that the CSV reader rejects only the row
 * that holds it ({@link #takeThrough}). Lines are counted as the CSV parser counts them: a carriage
 * return, a line feed, or both together end a line.
 *
 * <p>Memory use is two fixed buffers plus the undecodable sequences decoded ahead of the rows read.
 * Not thread-safe.
 */
final class StrictDecodingReader extends Reader {

  /** What an undecodable byte sequence becomes in the text. */
  static final char REPLACEMENT = '\uFFFD';

  private static final int BUFFER = 8192;

  /**
   * A byte sequence that is not valid in the charset.
   *
   * @param line the 1-based line it is on
   * @param bytes the bytes, for example {@code 0xE9} or {@code 0xC3 0x28}
   */
  record Undecodable(long line, String bytes) {}

  private final InputStream in;
  private final CharsetDecoder decoder;
  private final ByteBuffer bytes = ByteBuffer.allocate(BUFFER);
  private final CharBuffer chars = CharBuffer.allocate(BUFFER);
  private final Deque<Undecodable> undecodable = new ArrayDeque<>();
  private boolean endOfInput;
  private boolean flushing;
  private boolean finished;
  private long line = 1;
  private boolean afterCarriageReturn;

  StrictDecodingReader(InputStream in, Charset charset) {
    this.in = in;
    this.decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    bytes.flip();
    chars.flip();
  }

  @Override
  public int read(char[] target, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    while (!chars.hasRemaining()) {
      if (finished || !fill()) {
        return -1;
      }
    }
    int count = Math.min(length, chars.remaining());
    chars.get(target, offset, count);
    return count;
  }

  /**
   * Removes and returns the undecodable sequences found on lines up to {@code lastLine}, in file
   * order. The CSV reader asks after each row for the lines the row spans.
   */
  List<Undecodable> takeThrough(long lastLine) {
    List<Undecodable> taken = new ArrayList<>();
    while (!undecodable.isEmpty() && undecodable.peekFirst().line() <= lastLine) {
      taken.add(undecodable.pollFirst());
    }
    return taken;
  }

  /** Decodes the next characters into the buffer; false when the input has ended. */
  private boolean fill() throws IOException {
    chars.clear();
    int counted = 0;
    while (true) {
      if (flushing) {
        if (decoder.flush(chars).isUnderflow()) {
          finished = true;
        }
        countLines(counted);
        break;
      }
      CoderResult result = decoder.decode(bytes, chars, endOfInput);
      counted = countLines(counted);
      if (result.isError()) {
        if (!chars.hasRemaining()) {
          break; // no room for the replacement: the decoder reports the sequence again
        }
        undecodable.addLast(new Undecodable(line, hex(result.length())));
        chars.put(REPLACEMENT);
        counted = countLines(counted);
      } else if (result.isOverflow()) {
        break;
      } else if (endOfInput) {
        flushing = true;
      } else if (chars.position() > 0) {
        break;
      } else {
        readBytes();
      }
    }
    chars.flip();
    return chars.hasRemaining();
  }

  private void readBytes() throws IOException {
    bytes.compact();
    int read = in.read(bytes.array(), bytes.position(), bytes.remaining());
    if (read < 0) {
      endOfInput = true;
    } else {
      bytes.position(bytes.position() + read);
    }
    bytes.flip();
  }

  /** Skips the {@code length} undecodable bytes at the input's position and names them. */
  private String hex(int length) {
    StringBuilder named = new StringBuilder();
    HexFormat format = HexFormat.of().withUpperCase();
    for (int index = 0; index < length; index++) {
      if (index > 0) {
        named.append(' ');
      }
      named.append("0x").append(format.toHexDigits(bytes.get()));
    }
    return named.toString();
  }

  /** Counts the line ends among the characters decoded since {@code from}; returns the position. */
  private int countLines(int from) {
    int end = chars.position();
    for (int index = from; index < end; index++) {
      char character = chars.get(index);
      if (character == '\r') {
        line++;
        afterCarriageReturn = true;
      } else {
        if (character == '\n' && !afterCarriageReturn) {
          line++;
        }
        afterCarriageReturn = false;
      }
    }
    return end;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
