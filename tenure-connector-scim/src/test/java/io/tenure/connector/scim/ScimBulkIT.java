package io.tenure.connector.scim;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.connector.scim.ScimTestServer.RecordedRequest;
import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.BatchCall;
import io.tenure.connector.spi.BatchResult;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Batches of the connector against the third-party in-memory SCIM provider's {@code /Bulk}. */
class ScimBulkIT {

  private ScimConnector connector(ScimTestServer server, Map<String, String> extra) {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("url", server.baseUrl());
    settings.putAll(extra);
    return new ScimConnector(
        ScimSettings.from(new ConnectorConfiguration("bulk", settings, Set.of())),
        Clock.systemUTC(),
        wait -> {});
  }

  private static List<BatchCall> creates(String prefix, int count) {
    List<BatchCall> calls = new ArrayList<>();
    for (int index = 0; index < count; index++) {
      calls.add(
          new BatchCall.Create(
              NewAccount.of(
                  prefix + index,
                  Map.of("title", "Engineer " + index, "name.givenName", "Pat"),
                  true)));
    }
    return calls;
  }

  private static long bulkRequests(ScimTestServer server) {
    return server.requests().stream().filter(ScimBulkIT::isBulk).count();
  }

  private static boolean isBulk(RecordedRequest request) {
    return request.method().equals("POST") && request.path().endsWith("/Bulk");
  }

  private static long singleCreates(ScimTestServer server) {
    return server.requests().stream()
        .filter(request -> request.method().equals("POST") && request.path().endsWith("/Users"))
        .count();
  }

  @Test
  void createsGoInBulkRequestsOfAtMostTheBatchSizeAndEachResultMapsBack() throws IOException {
    try (ScimTestServer server = ScimTestServer.startWithBulk(1000, 1_000_000);
        ScimConnector connector = connector(server, Map.of("bulk.maxOperations", "4"))) {
      connector.create(NewAccount.of("taken", Map.of(), true));
      assertThat(connector.maxBatchSize()).isEqualTo(4);
      List<BatchCall> calls = creates("pat", 9);
      calls.set(6, new BatchCall.Create(NewAccount.of("taken", Map.of(), true)));
      server.clearRequests();

      List<BatchResult> results = new ArrayList<>();
      for (int start = 0; start < calls.size(); start += 4) {
        results.addAll(connector.execute(calls.subList(start, Math.min(calls.size(), start + 4))));
      }

      assertThat(bulkRequests(server)).as("ceil(9 / 4) bulk requests").isEqualTo(3);
      assertThat(singleCreates(server)).isZero();
      assertThat(server.requests()).allMatch(ScimBulkIT::isBulk);
      assertThat(server.requests()).allMatch(request -> !request.body().contains("failOnErrors"));
      assertThat(results).hasSize(9);
      for (int index = 0; index < 9; index++) {
        BatchResult result = results.get(index);
        if (index == 6) {
          assertThat(result.failed()).isTrue();
          assertThat(result.error().kind()).isEqualTo(ErrorKind.ALREADY_EXISTS);
          assertThat(result.error().getMessage()).contains("create of account 'taken'");
          continue;
        }
        assertThat(result.failed()).as("result %s", index).isFalse();
        String name = "pat" + index;
        assertThat(result.created().name()).isEqualTo(name);
        assertThat(result.created().nativeId())
            .isEqualTo(connector.find(name).orElseThrow().nativeId());
        assertThat(connector.find(name).orElseThrow().first("title")).contains("Engineer " + index);
      }
    }
  }

  @Test
  void theProvidersLimitsSplitTheCreatesAndOtherCallsStaySingle() throws IOException {
    try (ScimTestServer server = ScimTestServer.startWithBulk(2, 1_000_000);
        ScimConnector connector = connector(server, Map.of())) {
      connector.create(NewAccount.of("existing", Map.of(), true));
      assertThat(connector.maxBatchSize()).isEqualTo(2);
      server.clearRequests();

      List<BatchCall> calls = new ArrayList<>(creates("kim", 2));
      calls.add(new BatchCall.SetEnabled(AccountReference.named("existing"), false));
      List<BatchResult> results = connector.execute(calls);

      assertThat(results).noneMatch(BatchResult::failed);
      assertThat(bulkRequests(server)).isEqualTo(1);
      assertThat(connector.find("existing").orElseThrow().enabled()).isFalse();
      assertThat(connector.find("kim1")).isPresent();
    }
  }

  @Test
  void aSmallMaxPayloadSizeSplitsTheCreatesIntoMoreRequests() throws IOException {
    try (ScimTestServer server = ScimTestServer.startWithBulk(100, 1000);
        ScimConnector connector = connector(server, Map.of())) {
      server.clearRequests();

      List<BatchResult> results = connector.execute(creates("lee", 6));

      assertThat(results).noneMatch(BatchResult::failed);
      assertThat(bulkRequests(server)).isGreaterThan(1);
      assertThat(server.requests())
          .allMatch(
              request ->
                  request.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= 1000);
      for (int index = 0; index < 6; index++) {
        assertThat(connector.find("lee" + index)).isPresent();
      }
    }
  }

  @Test
  void withoutBulkInTheProviderConfigOrWithBulkNeverEveryCreateIsASingleCall() throws IOException {
    try (ScimTestServer server = ScimTestServer.start();
        ScimConnector connector = connector(server, Map.of())) {
      assertThat(connector.maxBatchSize()).isEqualTo(1);
      server.clearRequests();

      List<BatchResult> results = connector.execute(creates("ann", 3));

      assertThat(results).noneMatch(BatchResult::failed);
      assertThat(bulkRequests(server)).isZero();
      assertThat(singleCreates(server)).isEqualTo(3);
    }
    try (ScimTestServer server = ScimTestServer.startWithBulk(100, 1_000_000);
        ScimConnector connector = connector(server, Map.of("bulk", "never"))) {
      assertThat(connector.maxBatchSize()).isEqualTo(1);
      server.clearRequests();

      connector.execute(creates("bob", 3));

      assertThat(bulkRequests(server)).isZero();
      assertThat(singleCreates(server)).isEqualTo(3);
    }
  }

  @Test
  void aBulkRequestTheProviderRefusesAsAWholeFailsTheBatch() throws IOException {
    try (ScimTestServer server = ScimTestServer.startWithBulk(100, 1_000_000);
        ScimConnector connector = connector(server, Map.of("retry.maxAttempts", "1"))) {
      connector.maxBatchSize();
      server.failNext(1, 503, "0");

      org.assertj.core.api.Assertions.assertThatThrownBy(() -> connector.execute(creates("sam", 2)))
          .isInstanceOfSatisfying(
              io.tenure.connector.spi.ConnectorException.class,
              e -> assertThat(e.kind()).isEqualTo(ErrorKind.BUSY));
      assertThat(connector.find("sam0")).isEmpty();
    }
  }
}
