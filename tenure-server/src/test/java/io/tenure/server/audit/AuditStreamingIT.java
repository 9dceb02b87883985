package io.tenure.server.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.tenure.cli.TenureLaunch;
import io.tenure.engine.audit.AuditEvent;
import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.configuration.LifecycleSettings;
import io.tenure.engine.configuration.ScimSettings;
import io.tenure.engine.configuration.StoreSettings;
import io.tenure.engine.configuration.TenureConfiguration;
import io.tenure.engine.configuration.TenureHome;
import io.tenure.engine.execution.QueueSettings;
import io.tenure.governance.streaming.StreamCursors;
import io.tenure.governance.streaming.WebhookSink;
import io.tenure.server.TenureApplication;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

/**
 * Audit streaming end to end: {@code tenure serve} sends every audit event to a syslog listener
 * (RFC 5424 over TCP, octet-counted) and a webhook receiver started here; both receivers go down,
 * events happen meanwhile, Tenure is restarted while they are down, the receivers come back: each
 * got every event exactly once, in order, and the webhook's signatures hold.
 */
class AuditStreamingIT {

  private static final String SERVER =
      System.getProperty("tenure.it.postgres.url", "jdbc:postgresql://127.0.0.1:5432/postgres");
  private static final String USER = System.getProperty("tenure.it.postgres.username", "postgres");
  private static final String SECRET = "webhook-secret-for-the-test";
  private static final Pattern SEQUENCE = Pattern.compile(" sequence=\"(\\d+)\"");

  private final String database =
      "tenure_stream_it_" + UUID.randomUUID().toString().replace("-", "");
  private Path folder;
  private SyslogListener syslog;
  private WebhookReceiver webhook;

  @BeforeEach
  void setUp() throws Exception {
    try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute("create database " + database);
    }
    folder = Files.createTempDirectory("tenure-stream-it");
    syslog = new SyslogListener(0);
    webhook = new WebhookReceiver(0);
  }

  @AfterEach
  void tearDown() throws Exception {
    syslog.close();
    webhook.close();
    try (Connection connection = DriverManager.getConnection(SERVER, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute("drop database if exists " + database + " with (force)");
    }
    FileSystemUtils.deleteRecursively(folder);
  }

  @Test
  void everyEventReachesBothReceiversExactlyOnceAcrossAnOutageAndARestart() throws Exception {
    int syslogPort = syslog.port();
    try (ConfigurableApplicationContext tenure = serve()) {
      append(tenure, "before the outage", 5);
      awaitDelivered(tenure);

      syslog.close();
      webhook.answer = 503;
      append(tenure, "during the outage", 5);
      StreamCursors cursors = tenure.getBean(StreamCursors.class);
      await(
          "both sinks failing",
          () ->
              cursors.cursors().size() == 2
                  && cursors.cursors().stream().allMatch(cursor -> cursor.failures() > 0));
    }
    // Tenure is down too now; the receivers come back, then Tenure
    syslog = new SyslogListener(syslogPort, syslog.received);
    webhook.answer = 200;
    try (ConfigurableApplicationContext tenure = serve()) {
      append(tenure, "after the restart", 3);
      awaitDelivered(tenure);
      List<Long> stored =
          tenure.getBean(AuditLog.class).after(0, 1000).stream()
              .map(AuditRecord::sequence)
              .toList();
      assertThat(stored).hasSizeGreaterThanOrEqualTo(13);
      assertThat(syslog.sequences()).as("syslog, each once and in order").isEqualTo(stored);
      assertThat(webhook.sequences()).as("webhook, each once and in order").isEqualTo(stored);
      assertThat(webhook.badSignatures).isZero();
      assertThat(syslog.received.get(0)).startsWith("<109>1 ").contains("[tenure@32473 ");
    }
  }

  private ConfigurableApplicationContext serve() {
    TenureConfiguration configuration =
        new TenureConfiguration(
            StoreSettings.embedded(),
            LifecycleSettings.defaults(),
            QueueSettings.defaults(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            ScimSettings.defaults());
    String url = SERVER.substring(0, SERVER.lastIndexOf('/') + 1) + database;
    TenureLaunch launch =
        new TenureLaunch(new TenureHome(folder.resolve("home")), configuration, Clock.systemUTC())
            .withStore(new StoreSettings(url, USER, null));
    return TenureApplication.serve(
        launch,
        0,
        Map.of(
            "tenure.audit.syslog.address",
            "127.0.0.1:" + syslog.port(),
            "tenure.audit.webhook.url",
            "http://127.0.0.1:" + webhook.port() + "/audit",
            "tenure.audit.webhook.secret",
            SECRET,
            "tenure.audit.stream.interval",
            "PT0.05S",
            "tenure.schedule.interval",
            "0"));
  }

  private static void append(ConfigurableApplicationContext tenure, String reason, int count) {
    AuditLog audit = tenure.getBean(AuditLog.class);
    for (int index = 0; index < count; index++) {
      audit.append(
          new AuditEvent(
              Instant.now(),
              "test",
              "test.streamed",
              "event " + index,
              reason,
              "success",
              Map.of("index", Integer.toString(index))));
    }
  }

  private void awaitDelivered(ConfigurableApplicationContext tenure) throws Exception {
    List<Long> stored =
        tenure.getBean(AuditLog.class).after(0, 1000).stream().map(AuditRecord::sequence).toList();
    long last = stored.get(stored.size() - 1);
    await(
        "every event delivered",
        () -> syslog.sequences().contains(last) && webhook.sequences().contains(last));
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("waited a minute for: " + what);
      }
      Thread.sleep(20);
    }
  }

  /** A syslog receiver over TCP: octet-counted frames (RFC 6587), kept in order. */
  static final class SyslogListener implements AutoCloseable {
    final List<String> received;
    private final ServerSocket server;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SyslogListener(int port) throws IOException {
      this(port, new CopyOnWriteArrayList<>());
    }

    SyslogListener(int port, List<String> received) throws IOException {
      this.received = received;
      server = new ServerSocket();
      server.setReuseAddress(true);
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      acceptor = new Thread(this::accept, "syslog-listener");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return server.getLocalPort();
    }

    private void accept() {
      while (!server.isClosed()) {
        try {
          Socket socket = server.accept();
          connections.add(socket);
          Thread reader = new Thread(() -> read(socket), "syslog-connection");
          reader.setDaemon(true);
          reader.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void read(Socket socket) {
      try (InputStream in = socket.getInputStream()) {
        while (true) {
          StringBuilder length = new StringBuilder();
          int next;
          while ((next = in.read()) != ' ') {
            if (next < 0) {
              return;
            }
            length.append((char) next);
          }
          byte[] message = in.readNBytes(Integer.parseInt(length.toString()));
          received.add(new String(message, StandardCharsets.UTF_8));
        }
      } catch (IOException e) {
        // closed
      }
    }

    List<Long> sequences() {
      List<Long> sequences = new ArrayList<>();
      for (String message : received) {
        Matcher matcher = SEQUENCE.matcher(message);
        if (matcher.find()) {
          sequences.add(Long.parseLong(matcher.group(1)));
        }
      }
      return sequences;
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket socket : connections) {
        socket.close();
      }
    }
  }

  /** A webhook receiver that checks each signature and can answer an error (an outage). */
  static final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<Long> delivered = Collections.synchronizedList(new ArrayList<>());
    volatile int answer = 200;
    volatile int badSignatures;

    WebhookReceiver(int port) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.createContext(
          "/audit",
          exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            int status = answer;
            if (status == 200) {
              String expected =
                  "sha256="
                      + WebhookSink.sign(
                          SECRET.getBytes(StandardCharsets.UTF_8),
                          new String(body, StandardCharsets.UTF_8));
              if (!expected.equals(exchange.getRequestHeaders().getFirst("X-Tenure-Signature"))) {
                badSignatures++;
              }
              delivered.add(
                  Long.parseLong(exchange.getRequestHeaders().getFirst("X-Tenure-Delivery")));
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.start();
    }

    int port() {
      return server.getAddress().getPort();
    }

    List<Long> sequences() {
      synchronized (delivered) {
        return List.copyOf(delivered);
      }
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }
}
