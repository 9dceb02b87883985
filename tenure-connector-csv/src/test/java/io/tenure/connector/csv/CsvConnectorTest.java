package io.tenure.connector.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorConfiguration;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.ConnectorFactory;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvConnectorTest {

  @TempDir Path folder;

  private CsvConnector connector(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>();
    settings.put("file", folder.resolve("accounts.csv").toString());
    settings.put("key", "uid");
    settings.put("columns", "cn,mail,notes");
    settings.putAll(extra);
    return (CsvConnector)
        new CsvConnectorFactory().create(new ConnectorConfiguration("drop", settings, Set.of()));
  }

  private CsvConnector connector() {
    return connector(Map.of());
  }

  private Path file() {
    return folder.resolve("accounts.csv");
  }

  private void write(String content) throws IOException {
    Files.writeString(file(), content, StandardCharsets.UTF_8);
  }

  private static ConnectorException failure(Runnable action) {
    try {
      action.run();
    } catch (ConnectorException e) {
      return e;
    }
    throw new AssertionError("expected a ConnectorException");
  }

  @Test
  void factoryIsFoundThroughServiceLoader() {
    assertThat(ServiceLoader.load(ConnectorFactory.class).stream().map(p -> p.get().type()))
        .contains("csv");
  }

  @Test
  void missingFileSettingNamesTheKey() {
    assertThatThrownBy(
            () ->
                new CsvConnectorFactory()
                    .create(new ConnectorConfiguration("drop", Map.of(), Set.of())))
        .isInstanceOfSatisfying(
            ConnectorException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(ErrorKind.CONFIGURATION);
              assertThat(e.getMessage()).contains("'file'");
            });
  }

  @Test
  void badDelimiterAndUnknownMultiValuedColumnAreConfigurationErrors() {
    assertThat(failure(() -> connector(Map.of("delimiter", "ab"))).getMessage())
        .contains("'delimiter'");
    assertThat(failure(() -> connector(Map.of("multiValuedColumns", "title"))).getMessage())
        .contains("'multiValuedColumns'");
    assertThat(failure(() -> connector(Map.of("separator", ","))).getMessage())
        .contains("'separator'");
  }

  @Test
  void indexedListSettingsAreAccepted() {
    CsvConnector connector =
        connector(Map.of("columns", "", "columns.0", "cn", "columns.1", "mail"));
    connector.create(NewAccount.of("ann", Map.of("cn", "Ann", "mail", "a@example.com"), true));
    assertThat(connector.find("ann").orElseThrow().first("mail")).contains("a@example.com");
  }

  @Test
  void awkwardValuesRoundTripThroughTheFile() {
    CsvConnector connector = connector(Map.of("multiValuedColumns", "notes"));
    List<String> awkward =
        List.of(
            "comma, inside",
            "double \"quote\"",
            "line\nbreak and\r\nmore",
            "李小龍",
            "Zoë Ñúñez Çağlar",
            " leading and trailing ",
            "semi;colon",
            "back\\slash",
            "#hash");
    int index = 0;
    for (String value : awkward) {
      String name = "u" + index++ + "-" + value.replace('\n', ' ').replace('\r', ' ');
      connector.create(
          new NewAccount(
              name,
              Map.of("cn", List.of(value), "notes", List.of(value, "second " + value)),
              true));
      connector.grant(
          AccountReference.named(name), "group " + value.replace('\n', ' ').replace('\r', ' '));
    }
    CsvConnector reopened = connector(Map.of("multiValuedColumns", "notes"));
    index = 0;
    for (String value : awkward) {
      String name = "u" + index++ + "-" + value.replace('\n', ' ').replace('\r', ' ');
      RemoteAccount found = reopened.find(name).orElseThrow();
      assertThat(found.attributes().get("cn")).as(value).containsExactly(value);
      assertThat(found.attributes().get("notes")).containsExactly(value, "second " + value);
      assertThat(found.entitlements())
          .containsExactly("group " + value.replace('\n', ' ').replace('\r', ' '));
    }
  }

  @Test
  void newFileHasTheConfiguredHeaderAndRowsInOrder() throws IOException {
    CsvConnector connector = connector();
    connector.create(NewAccount.of("b", Map.of("cn", "Bee"), true));
    connector.create(NewAccount.of("a", Map.of("cn", "Ay", "mail", "a@x"), false));
    connector.grant(AccountReference.named("a"), "staff");
    connector.grant(AccountReference.named("a"), "admins");
    assertThat(Files.readString(file()))
        .isEqualTo(
            "uid,cn,mail,notes,enabled,entitlements\r\n"
                + "b,Bee,,,true,\r\n"
                + "a,Ay,a@x,,false,staff;admins\r\n");
  }

  @Test
  void tabDelimiterAndCustomSeparatorAreUsed() throws IOException {
    CsvConnector connector = connector(Map.of("delimiter", "tab", "separator", "|"));
    connector.create(NewAccount.of("a", Map.of("cn", "Ay"), true));
    connector.grant(AccountReference.named("a"), "x");
    connector.grant(AccountReference.named("a"), "y");
    assertThat(Files.readString(file()))
        .isEqualTo("uid\tcn\tmail\tnotes\tenabled\tentitlements\r\na\tAy\t\t\ttrue\tx|y\r\n");
  }

  @Test
  void extraColumnsAndTheirOrderAreKeptWhenTheFileIsRewritten() throws IOException {
    write("extra,entitlements,enabled,notes,mail,cn,uid\nkeep me,,true,,,Ann,ann\n");
    CsvConnector connector = connector();
    connector.update(AccountReference.named("ann"), List.of(AttributeDelta.replace("mail", "m")));
    assertThat(Files.readString(file()))
        .isEqualTo("extra,entitlements,enabled,notes,mail,cn,uid\r\nkeep me,,true,,m,Ann,ann\r\n");
  }

  @Test
  void byteOrderMarkIsIgnored() throws IOException {
    write("\uFEFFuid,cn,mail,notes,enabled,entitlements\nann,Ann,,,yes,\n");
    assertThat(connector().find("ann")).map(RemoteAccount::enabled).contains(true);
  }

  @Test
  void raggedLineIsReportedWithItsLineNumber() throws IOException {
    write(
        "uid,cn,mail,notes,enabled,entitlements\n"
            + "ann,Ann,,,true,\n"
            + "bob,\"multi\nline\",,,true,\n"
            + "carl,Carl,true\n");
    ConnectorException e = failure(() -> connector().find("zed"));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.getMessage()).contains("line 5").contains("found 3");
  }

  @Test
  void badQuotingIsReportedWithItsLineNumber() throws IOException {
    write("uid,cn,mail,notes,enabled,entitlements\nann,Ann,,,true,\nbob,\"Bo\"b,,,true,\n");
    ConnectorException e =
        failure(
            () -> {
              try (Stream<RemoteAccount> accounts = connector().accounts()) {
                accounts.forEach(account -> {});
              }
            });
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.getMessage()).contains("line 3").contains("malformed");
  }

  @Test
  void missingHeaderColumnIsASchemaError() throws IOException {
    write("uid,cn,mail,enabled,entitlements\nann,Ann,,true,\n");
    ConnectorException e = failure(() -> connector().find("ann"));
    assertThat(e.kind()).isEqualTo(ErrorKind.SCHEMA);
    assertThat(e.getMessage()).contains("line 1").contains("'notes'");
  }

  @Test
  void badEnabledValueNamesTheLine() throws IOException {
    write("uid,cn,mail,notes,enabled,entitlements\nann,Ann,,,maybe,\n");
    ConnectorException e = failure(() -> connector().find("ann"));
    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
    assertThat(e.getMessage()).contains("line 2").contains("maybe");
  }

  @Test
  void unknownAttributeAndSeveralValuesInASingleColumnAreSchemaErrors() {
    CsvConnector connector = connector();
    assertThat(
            failure(() -> connector.create(NewAccount.of("a", Map.of("title", "x"), true))).kind())
        .isEqualTo(ErrorKind.SCHEMA);
    assertThat(
            failure(
                    () ->
                        connector.create(
                            new NewAccount("a", Map.of("cn", List.of("x", "y")), true)))
                .kind())
        .isEqualTo(ErrorKind.SCHEMA);
    assertThat(connector.find("a")).isEmpty();
  }

  @Test
  void failedChangeLeavesTheFileAndNoTemporaryFile() throws IOException {
    CsvConnector connector = connector();
    connector.create(NewAccount.of("a", Map.of("cn", "Ay"), true));
    String before = Files.readString(file());
    assertThat(failure(() -> connector.create(NewAccount.of("a", Map.of(), true))).kind())
        .isEqualTo(ErrorKind.ALREADY_EXISTS);
    assertThat(failure(() -> connector.disable(AccountReference.named("zz"))).kind())
        .isEqualTo(ErrorKind.NOT_FOUND);
    connector.delete(AccountReference.named("zz"));
    assertThat(Files.readString(file())).isEqualTo(before);
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).containsExactly(file());
    }
  }

  @Test
  void concurrentChangesAreSerializedAndNoneIsLost() throws Exception {
    CsvConnector first = connector();
    CsvConnector second = connector();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int thread = 0; thread < 4; thread++) {
        Connector connector = thread % 2 == 0 ? first : second;
        int id = thread;
        futures.add(
            pool.submit(
                () -> {
                  for (int index = 0; index < 15; index++) {
                    String name = "t" + id + "-" + index;
                    ((CsvConnector) connector).create(NewAccount.of(name, Map.of(), true));
                    ((CsvConnector) connector).grant(AccountReference.named(name), "g" + id);
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Stream<RemoteAccount> accounts = first.accounts()) {
      List<RemoteAccount> all = accounts.toList();
      assertThat(all).hasSize(60);
      assertThat(all).allSatisfy(account -> assertThat(account.entitlements()).hasSize(1));
    }
  }

  @Test
  void readerOfAnOpenStreamSeesTheOldFileWhileItIsReplaced() {
    CsvConnector connector = connector();
    connector.create(NewAccount.of("a", Map.of(), true));
    connector.create(NewAccount.of("b", Map.of(), true));
    try (Stream<RemoteAccount> accounts = connector.accounts()) {
      connector.delete(AccountReference.named("b"));
      connector.create(NewAccount.of("c", Map.of(), true));
      assertThat(accounts.map(RemoteAccount::name)).containsExactly("a", "b");
    }
    try (Stream<RemoteAccount> accounts = connector.accounts()) {
      assertThat(accounts.map(RemoteAccount::name)).containsExactly("a", "c");
    }
  }

  @Test
  void namesWithControlCharactersAreRejected() {
    assertThat(failure(() -> connector().create(NewAccount.of("a\nb", Map.of(), true))).kind())
        .isEqualTo(ErrorKind.INVALID_INPUT);
  }
}
