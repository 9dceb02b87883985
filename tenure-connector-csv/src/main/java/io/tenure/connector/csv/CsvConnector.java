package io.tenure.connector.csv;

import io.tenure.connector.spi.AccountReference;
import io.tenure.connector.spi.AttributeDelta;
import io.tenure.connector.spi.Connector;
import io.tenure.connector.spi.ConnectorException;
import io.tenure.connector.spi.CreateCapability;
import io.tenure.connector.spi.DeleteCapability;
import io.tenure.connector.spi.EnableDisableCapability;
import io.tenure.connector.spi.EntitlementCapability;
import io.tenure.connector.spi.ErrorKind;
import io.tenure.connector.spi.ListCell;
import io.tenure.connector.spi.NewAccount;
import io.tenure.connector.spi.RemoteAccount;
import io.tenure.connector.spi.SearchCapability;
import io.tenure.connector.spi.TestCapability;
import io.tenure.connector.spi.UpdateCapability;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A {@code csv} connector. The account's name is the key cell and also its native id. Attributes
 * map to columns of the same name; a multi-valued column joins its values with the separator.
 */
final class CsvConnector
    implements Connector,
        CreateCapability,
        UpdateCapability,
        EnableDisableCapability,
        DeleteCapability,
        EntitlementCapability,
        SearchCapability,
        TestCapability {

  private final CsvSettings settings;
  private final CsvFile file;
  private final ListCell lists;

  CsvConnector(CsvSettings settings) {
    this.settings = settings;
    this.file =
        new CsvFile(settings.file(), settings.key(), settings.delimiter(), settings.header());
    this.lists = new ListCell(settings.separator());
  }

  @Override
  public String type() {
    return CsvConnectorFactory.TYPE;
  }

  @Override
  public RemoteAccount create(NewAccount account) {
    String name = checkedName(account.name());
    Map<String, String> cells = new LinkedHashMap<>();
    cells.put(settings.key(), name);
    account
        .attributes()
        .forEach((attribute, values) -> cells.put(column(attribute), cell(attribute, values)));
    cells.put(settings.enabledColumn(), Boolean.toString(account.enabled()));
    cells.put(settings.entitlementsColumn(), "");
    file.change(
        name,
        existing -> {
          if (existing.isPresent()) {
            throw new ConnectorException(
                ErrorKind.ALREADY_EXISTS, where() + ": account '" + name + "' exists");
          }
          return Optional.of(cells);
        });
    return toAccount(new CsvRow(0, cells));
  }

  @Override
  public void update(AccountReference account, List<AttributeDelta> deltas) {
    Map<String, String> changes = new LinkedHashMap<>();
    for (AttributeDelta delta : deltas) {
      changes.put(column(delta.attribute()), cell(delta.attribute(), delta.values()));
    }
    changeExisting(
        account,
        cells -> {
          cells.putAll(changes);
          return cells;
        });
  }

  @Override
  public void disable(AccountReference account) {
    changeExisting(account, cells -> withCell(cells, settings.enabledColumn(), "false"));
  }

  @Override
  public void enable(AccountReference account) {
    changeExisting(account, cells -> withCell(cells, settings.enabledColumn(), "true"));
  }

  @Override
  public void delete(AccountReference account) {
    file.change(checkedName(account.name()), existing -> Optional.empty());
  }

  @Override
  public void grant(AccountReference account, String entitlement) {
    String checked = checkedEntitlement(entitlement);
    changeExisting(
        account,
        cells -> {
          Set<String> held = new LinkedHashSet<>(entitlements(cells));
          held.add(checked);
          return withCell(cells, settings.entitlementsColumn(), lists.join(List.copyOf(held)));
        });
  }

  @Override
  public void revoke(AccountReference account, String entitlement) {
    String name = checkedName(account.name());
    file.change(
        name,
        existing ->
            existing.map(
                cells -> {
                  List<String> held = entitlements(cells);
                  if (!held.contains(entitlement)) {
                    return cells;
                  }
                  List<String> kept = new ArrayList<>(held);
                  kept.remove(entitlement);
                  return withCell(
                      new LinkedHashMap<>(cells), settings.entitlementsColumn(), lists.join(kept));
                }));
  }

  @Override
  public Optional<RemoteAccount> find(String name) {
    try (CsvRows rows = file.rows()) {
      while (rows.hasNext()) {
        CsvRow row = rows.next();
        if (row.cell(settings.key()).equals(name)) {
          return Optional.of(toAccount(row));
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public Stream<RemoteAccount> accounts() {
    CsvRows rows = file.rows();
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(rows, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .map(this::toAccount)
        .onClose(rows::close);
  }

  @Override
  public void test() {
    if (!Files.isDirectory(settings.file().getParent())) {
      throw new ConnectorException(
          ErrorKind.CONFIGURATION,
          where()
              + ": setting 'file': the folder "
              + settings.file().getParent()
              + " does not exist");
    }
    if (!Files.isWritable(settings.file().getParent())) {
      throw new ConnectorException(
          ErrorKind.PERMISSION, where() + ": cannot write in " + settings.file().getParent());
    }
    try (CsvRows rows = file.rows()) {
      while (rows.hasNext()) {
        toAccount(rows.next());
      }
    }
  }

  @Override
  public void close() {
    // nothing is held between calls
  }

  private void changeExisting(AccountReference account, UnaryOperator<Map<String, String>> change) {
    String name = checkedName(account.name());
    file.change(
        name,
        existing -> {
          if (existing.isEmpty()) {
            throw new ConnectorException(
                ErrorKind.NOT_FOUND, where() + ": account '" + name + "' does not exist");
          }
          return Optional.of(change.apply(new LinkedHashMap<>(existing.get())));
        });
  }

  private static Map<String, String> withCell(
      Map<String, String> cells, String column, String value) {
    cells.put(column, value);
    return cells;
  }

  private RemoteAccount toAccount(CsvRow row) {
    String name = row.cell(settings.key());
    if (name.isEmpty()) {
      throw rowProblem(row, "the key column '" + settings.key() + "' is empty");
    }
    Map<String, List<String>> attributes = new TreeMap<>();
    for (String column : settings.columns()) {
      String value = row.cell(column);
      if (value.isEmpty()) {
        continue;
      }
      attributes.put(
          column,
          settings.multiValuedColumns().contains(column) ? lists.split(value) : List.of(value));
    }
    return new RemoteAccount(
        name, name, attributes, enabled(row), new LinkedHashSet<>(entitlements(row.cells())));
  }

  private boolean enabled(CsvRow row) {
    String value = row.cell(settings.enabledColumn()).trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "true", "yes", "1":
        return true;
      case "false", "no", "0":
        return false;
      default:
        throw rowProblem(
            row,
            "column '" + settings.enabledColumn() + "' must be true or false, not '" + value + "'");
    }
  }

  private List<String> entitlements(Map<String, String> cells) {
    return lists.split(cells.getOrDefault(settings.entitlementsColumn(), ""));
  }

  private ConnectorException rowProblem(CsvRow row, String problem) {
    return new ConnectorException(
        ErrorKind.INVALID_INPUT, file.path() + " line " + row.line() + ": " + problem);
  }

  private String column(String attribute) {
    if (!settings.columns().contains(attribute)) {
      throw new ConnectorException(
          ErrorKind.SCHEMA,
          where()
              + ": attribute '"
              + attribute
              + "' is not one of the columns "
              + settings.columns()
              + " (setting 'columns')");
    }
    return attribute;
  }

  private String cell(String attribute, List<String> values) {
    if (settings.multiValuedColumns().contains(attribute)) {
      return lists.join(values);
    }
    if (values.size() > 1) {
      throw new ConnectorException(
          ErrorKind.SCHEMA,
          where()
              + ": column '"
              + attribute
              + "' holds one value, got "
              + values.size()
              + " (list it in 'multiValuedColumns')");
    }
    return values.isEmpty() ? "" : values.get(0);
  }

  private String checkedName(String name) {
    if (name.codePoints().anyMatch(Character::isISOControl)) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT, where() + ": account names must not contain control characters");
    }
    return name;
  }

  private String checkedEntitlement(String entitlement) {
    if (entitlement.isBlank() || entitlement.codePoints().anyMatch(Character::isISOControl)) {
      throw new ConnectorException(
          ErrorKind.INVALID_INPUT,
          where() + ": entitlement names must not be blank or contain control characters");
    }
    return entitlement;
  }

  private String where() {
    return "target '" + settings.targetName() + "' (" + settings.file() + ")";
  }
}
