package io.tenure.governance.streaming;

import io.tenure.engine.audit.AuditRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.jspecify.annotations.Nullable;

/**
 * Sends each record as an RFC 5424 message over one TCP connection (octet-counting framing), opened
 * on first use and again after a failure or when the receiver closed it. A record counts as taken
 * once its bytes are written and flushed to the connection: syslog over TCP has no acknowledgement,
 * so a record written in the instant a receiver dies can be lost with it (a receiver that stops
 * cleanly closes its connection, which is seen before the next write).
 */
public final class SyslogSink implements AuditSink {

  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;

  private final String host;
  private final int port;
  private final SyslogFormat format;
  private @Nullable Socket socket;

  public SyslogSink(String host, int port, SyslogFormat format) {
    this.host = host;
    this.port = port;
    this.format = format;
  }

  @Override
  public String name() {
    return "syslog";
  }

  @Override
  public synchronized void send(AuditRecord record) {
    try {
      if (socket != null && closedByReceiver(socket)) {
        close();
      }
      if (socket == null) {
        Socket opened = new Socket();
        opened.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        socket = opened;
      }
      OutputStream out = socket.getOutputStream();
      out.write(format.framed(record));
      out.flush();
    } catch (IOException e) {
      close();
      throw new DeliveryException(
          "syslog " + host + ":" + port + " did not take record " + record.sequence() + ": " + e,
          e);
    }
  }

  /**
   * Whether the receiver closed the connection (a syslog receiver never writes, so a read that ends
   * the stream means it went away); written records would otherwise vanish into a dead connection's
   * buffer.
   */
  private static boolean closedByReceiver(Socket socket) throws IOException {
    socket.setSoTimeout(1);
    try {
      return socket.getInputStream().read() < 0;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (IOException e) {
      return true;
    }
  }

  @Override
  public synchronized void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing a broken connection
      }
      socket = null;
    }
  }

  @Override
  public String toString() {
    return "syslog tcp " + host + ":" + port;
  }
}
