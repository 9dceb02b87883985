package io.tenure.store;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.identity.SourceDigests;
import io.tenure.engine.identity.StoredReport;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Identities in the {@code identities} and {@code identity_usernames} tables. */
final class JdbcIdentityRepository implements IdentityRepository {

  private static final String SELECT = IdentityRows.SELECT;

  private static final String UPSERT =
      "insert into identities (id, state, attributes, employment_status, start_date,"
          + " end_date, updated_at, source_attributes) values (?, ?, ?::jsonb, ?, ?, ?, ?,"
          + " ?::jsonb) on conflict (id) do update set state = excluded.state,"
          + " attributes = excluded.attributes,"
          + " source_attributes = excluded.source_attributes,"
          + " employment_status = excluded.employment_status,"
          + " start_date = excluded.start_date, end_date = excluded.end_date,"
          + " updated_at = excluded.updated_at, source_digests = '{}'::jsonb";

  /**
   * {@link #UPSERT} of many rows in one statement: updated_at, the source whose digests are given,
   * then one array per column (a null digest: none). The digests stored before are replaced.
   */
  private static final String UPSERT_ALL =
      "insert into identities (id, state, attributes, employment_status, start_date,"
          + " end_date, updated_at, source_attributes, source_digests)"
          + " select r.id, r.state, r.attributes::jsonb, r.employment_status, r.start_date::date,"
          + " r.end_date::date, ?, r.source_attributes::jsonb,"
          + " case when r.digest is null then '{}'::jsonb else jsonb_build_object(?::text,"
          + " r.digest) end"
          + " from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],"
          + " ?::text[], ?::text[]) as r(id, state, attributes, employment_status, start_date,"
          + " end_date, source_attributes, digest)"
          + " on conflict (id) do update set state = excluded.state,"
          + " attributes = excluded.attributes,"
          + " source_attributes = excluded.source_attributes,"
          + " employment_status = excluded.employment_status,"
          + " start_date = excluded.start_date, end_date = excluded.end_date,"
          + " updated_at = excluded.updated_at, source_digests = excluded.source_digests";

  /**
   * A source's digests of identities its records changed nothing about: the others' are kept
   * (nothing else of the row changes); rows whose digest is already that one are not written.
   */
  private static final String REMEMBER_DIGESTS =
      "update identities i set source_digests = i.source_digests || jsonb_build_object(?::text,"
          + " r.digest) from unnest(?::text[], ?::text[]) as r(id, digest)"
          + " where i.id = r.id and (i.source_digests ->> ?::text) is distinct from r.digest";

  /**
   * Turns sequential scans off for the statement that follows it in the same round trip, keeping
   * the setting before in {@code tenure.enable_seqscan} for {@link #SEQUENTIAL_SCANS_RESTORED}
   * (both transaction-local: a failed statement rolls them back with the transaction).
   */
  private static final String SEQUENTIAL_SCANS_OFF =
      "select set_config('tenure.enable_seqscan', current_setting('enable_seqscan'), true),"
          + " set_config('enable_seqscan', 'off', true);";

  private static final String SEQUENTIAL_SCANS_RESTORED =
      "select set_config('enable_seqscan', current_setting('tenure.enable_seqscan'), true)";

  private final JdbcClient client;
  private final JdbcTemplate template;
  private final Json json;
  private final Clock clock;
  private final IdentityRows rows;

  JdbcIdentityRepository(JdbcClient client, JdbcTemplate template, Json json, Clock clock) {
    this.client = client;
    this.template = template;
    this.json = json;
    this.clock = clock;
    this.rows = new IdentityRows(json);
  }

  @Override
  public Optional<Identity> find(IdentityId id) {
    return client.sql(SELECT + " where i.id = ?").param(id.value()).query(this::map).optional();
  }

  /** One query for all of them. */
  @Override
  public List<Identity> findAll(Collection<IdentityId> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return client
        .sql(SELECT + " where i.id = any(?) order by i.id")
        .param(ids.stream().map(IdentityId::value).distinct().toArray(String[]::new))
        .query(this::map)
        .list();
  }

  /**
   * On the attribute's index for the attributes of {@link IdentityKeys#INDEXED} (the correlation
   * keys and the people's references to each other); any other attribute is found too, by reading
   * every identity.
   */
  @Override
  public List<IdentityId> findByAttribute(String attribute, String value) {
    return client
        .sql(
            "select i.id from (select ?::text as value) as v join identities i on "
                + IdentityKeys.equalTo("i", attribute, "v.value")
                + " order by i.id")
        .param(value)
        .query((row, number) -> new IdentityId(row.getString(1)))
        .list();
  }

  /**
   * One query: each attribute's value joined to the identities on its index ({@link IdentityKeys}).
   */
  @Override
  public Map<String, List<IdentityId>> findByAttributes(Map<String, String> valueByAttribute) {
    List<String> attributes = new ArrayList<>(new TreeMap<>(valueByAttribute).keySet());
    Map<String, List<IdentityId>> found = new TreeMap<>();
    if (attributes.isEmpty()) {
      return found;
    }
    List<String> selects = new ArrayList<>();
    for (int number = 0; number < attributes.size(); number++) {
      String attribute = attributes.get(number);
      found.put(attribute, new ArrayList<>());
      selects.add(
          "select "
              + number
              + " as attribute, i.id from (select ?::text as value) as v join identities i on "
              + IdentityKeys.equalTo("i", attribute, "v.value"));
    }
    client
        .sql(String.join(" union all ", selects) + " order by 1, 2")
        .params(attributes.stream().map(valueByAttribute::get).toList())
        .query(
            (row, number) ->
                found.get(attributes.get(row.getInt(1))).add(new IdentityId(row.getString(2))))
        .list();
    return found;
  }

  /**
   * One query for all the values: each attribute's values looked up on its index ({@link
   * IdentityKeys#anyOf}; an attribute without one reads the table), no join, so that the query
   * costs the same whatever the planner believes of the table (a join to the values let it scan
   * every identity per call once the table had grown inside an import's transaction). Call it in a
   * transaction: sequential scans are turned off for this query alone ({@code set_config(...,
   * true)}, restored after it), because inside a long import transaction the table has no
   * statistics for what it inserted.
   */
  @Override
  public Map<IdentityId, Identity> findHoldingAny(
      Map<String, ? extends Collection<String>> valuesByAttribute) {
    Map<IdentityId, Identity> found = new TreeMap<>();
    holdingAny(
        SELECT,
        List.of(),
        valuesByAttribute,
        this::map,
        (identity, wanted) -> {
          if (holdsAny(identity.attributes(), wanted)) {
            found.put(identity.id(), identity);
          }
        });
    return found;
  }

  /**
   * Runs the select (its list and table, with its own parameters first) for the rows of the
   * identities holding any of the values, on the attributes' indexes with sequential scans off for
   * this query alone, and hands each row read to the consumer with the values looked for. One round
   * trip: the setting, the select and the setting's restore are sent as three statements at once.
   */
  private <T> void holdingAny(
      String select,
      List<Object> selectParameters,
      Map<String, ? extends Collection<String>> valuesByAttribute,
      RowMapper<T> mapper,
      BiConsumer<T, Map<String, Set<String>>> consumer) {
    List<String> matches = new ArrayList<>();
    Map<String, Set<String>> wanted = new TreeMap<>();
    valuesByAttribute.forEach(
        (attribute, values) -> {
          if (!values.isEmpty()) {
            wanted.put(attribute, Set.copyOf(values));
          }
        });
    if (wanted.isEmpty()) {
      return;
    }
    wanted.keySet().forEach(attribute -> matches.add(IdentityKeys.anyOf("i", attribute)));
    List<Object> parameters = new ArrayList<>(selectParameters);
    for (Set<String> values : wanted.values()) {
      parameters.add(values.toArray(String[]::new));
    }
    template.execute(
        (ConnectionCallback<Void>)
            connection -> {
              try (PreparedStatement statement =
                  connection.prepareStatement(
                      SEQUENTIAL_SCANS_OFF
                          + select
                          + " where "
                          + String.join(" or ", matches)
                          + ";"
                          + SEQUENTIAL_SCANS_RESTORED)) {
                for (int at = 0; at < parameters.size(); at++) {
                  statement.setObject(at + 1, parameters.get(at));
                }
                statement.execute();
                // the first result is the setting's, the second the select's, the last the
                // restore's
                if (!statement.getMoreResults()) {
                  throw new IllegalStateException("the select of " + select + " gave no rows");
                }
                try (ResultSet found = statement.getResultSet()) {
                  int number = 0;
                  while (found.next()) {
                    consumer.accept(mapper.mapRow(found, number++), wanted);
                  }
                }
                statement.getMoreResults();
              }
              return null;
            });
  }

  /**
   * {@link #findHoldingAny}'s query and index use, reading only the id, state, employment columns,
   * the keys' values, the source's digest (given only when the identity has values from that source
   * alone) and the location of its record remembered for the source (on the primary key of {@code
   * identity_source_records}): no JSON of the identity is parsed.
   */
  @Override
  public Map<IdentityId, StoredReport> findReports(
      String source,
      Collection<String> keys,
      Map<String, ? extends Collection<String>> valuesByAttribute) {
    List<String> keyList = List.copyOf(new TreeSet<>(keys));
    StringBuilder select =
        new StringBuilder(
            "select i.id, i.state, i.employment_status, i.start_date, i.end_date,"
                + " case when i.source_attributes - ?::text = '{}'::jsonb"
                + " then i.source_digests ->> ?::text end as digest,"
                + " (select r.location from identity_source_records r"
                + " where r.identity_id = i.id and r.source = ?::text) as location");
    for (int number = 0; number < keyList.size(); number++) {
      select
          .append(", ")
          .append(IdentityKeys.attributeOf("i", keyList.get(number)))
          .append(" as key")
          .append(number);
    }
    select.append(" from identities i");
    Map<IdentityId, StoredReport> found = new TreeMap<>();
    holdingAny(
        select.toString(),
        List.of(source, source, source),
        valuesByAttribute,
        (row, number) -> {
          Map<String, String> values = new TreeMap<>();
          for (int key = 0; key < keyList.size(); key++) {
            String value = row.getString("key" + key);
            if (value != null) {
              values.put(keyList.get(key), value);
            }
          }
          return new StoredReport(
              new IdentityId(row.getString("id")),
              LifecycleState.valueOf(row.getString("state")),
              new Employment(
                  EmploymentStatus.valueOf(row.getString("employment_status")),
                  row.getObject("start_date", LocalDate.class),
                  row.getObject("end_date", LocalDate.class)),
              values,
              row.getString("digest"),
              row.getString("location"));
        },
        (report, wanted) -> {
          if (holdsAny(report.keys(), wanted)) {
            found.put(report.id(), report);
          }
        });
    return found;
  }

  /** Whether the identity's exact value of one of the attributes is among that one's values. */
  private static boolean holdsAny(Map<String, String> attributes, Map<String, Set<String>> wanted) {
    for (Map.Entry<String, Set<String>> attribute : wanted.entrySet()) {
      String value = attributes.get(attribute.getKey());
      if (value != null && attribute.getValue().contains(value)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Two statements at most: the row's upsert and the delete of its usernames in one (a SCIM push
   * saves one identity per request: one round trip less), then the insert of its usernames, if it
   * has any.
   */
  @Override
  public void save(Identity identity) {
    client
        .sql("with saved as (" + UPSERT + ") delete from identity_usernames where identity_id = ?")
        .param(identity.id().value())
        .param(identity.state().name())
        .param(json.writeTextMap(identity.attributes()))
        .param(identity.employment().status().name())
        .param(identity.employment().startDate())
        .param(identity.employment().endDate())
        .param(Timestamps.bind(clock.instant()))
        .param(json.writeTextMap(identity.sourceAttributes()))
        .param(identity.id().value())
        .update();
    if (!identity.usernames().isEmpty()) {
      List<Object[]> rows = new ArrayList<>();
      identity
          .usernames()
          .forEach(
              (target, username) ->
                  rows.add(new Object[] {identity.id().value(), target, username}));
      template.batchUpdate(
          "insert into identity_usernames (identity_id, target, username) values (?, ?, ?)", rows);
    }
  }

  /**
   * Three statements for all of them: one multi-row upsert (the rows passed as arrays, so that the
   * server executes one statement, not one per identity), one delete, one insert of the names.
   */
  @Override
  public void saveAll(Collection<Identity> identities) {
    saveAll(identities, new SourceDigests("", Map.of()));
  }

  /**
   * {@link #saveAll(Collection)} with the digests of the saved identities in the same statement,
   * and one more for the digests of those not saved.
   */
  @Override
  public void saveAll(Collection<Identity> identities, SourceDigests digests) {
    Map<IdentityId, Identity> last = new LinkedHashMap<>();
    identities.forEach(identity -> last.put(identity.id(), identity));
    rememberDigests(digests, last.keySet());
    if (last.isEmpty()) {
      return;
    }
    int size = last.size();
    String[] ids = new String[size];
    String[] states = new String[size];
    String[] attributes = new String[size];
    String[] statuses = new String[size];
    String[] startDates = new String[size];
    String[] endDates = new String[size];
    String[] sourceAttributes = new String[size];
    String[] digested = new String[size];
    int at = 0;
    for (Identity identity : last.values()) {
      ids[at] = identity.id().value();
      states[at] = identity.state().name();
      attributes[at] = json.writeTextMap(identity.attributes());
      statuses[at] = identity.employment().status().name();
      startDates[at] = dateText(identity.employment().startDate());
      endDates[at] = dateText(identity.employment().endDate());
      sourceAttributes[at] = json.writeTextMap(identity.sourceAttributes());
      digested[at] = digests.byIdentity().get(identity.id());
      at++;
    }
    client
        .sql(UPSERT_ALL)
        .param(Timestamps.bind(clock.instant()))
        .param(digests.source())
        .param(ids)
        .param(states)
        .param(attributes)
        .param(statuses)
        .param(startDates)
        .param(endDates)
        .param(sourceAttributes)
        .param(digested)
        .update();
    GrowingTables.wrote(client, "identities", size);
    client.sql("delete from identity_usernames where identity_id = any(?)").param(ids).update();
    insertUsernames(last.values());
  }

  /** The digests of the identities not saved now, in id order (the order rows are locked in). */
  private void rememberDigests(SourceDigests digests, Set<IdentityId> saved) {
    List<String> ids = new ArrayList<>();
    List<String> values = new ArrayList<>();
    new TreeMap<>(digests.byIdentity())
        .forEach(
            (id, digest) -> {
              if (!saved.contains(id)) {
                ids.add(id.value());
                values.add(digest);
              }
            });
    if (ids.isEmpty()) {
      return;
    }
    client
        .sql(REMEMBER_DIGESTS)
        .param(digests.source())
        .param(ids.toArray(String[]::new))
        .param(values.toArray(String[]::new))
        .param(digests.source())
        .update();
  }

  private static @Nullable String dateText(@Nullable LocalDate date) {
    return date == null ? null : date.toString();
  }

  /**
   * Two statements for all of them (one delete, one batch of names); the {@code identities} rows
   * and their indexes are not touched.
   */
  @Override
  public void saveUsernames(Collection<Identity> identities) {
    Map<IdentityId, Identity> last = new LinkedHashMap<>();
    identities.forEach(identity -> last.put(identity.id(), identity));
    if (last.isEmpty()) {
      return;
    }
    client
        .sql("delete from identity_usernames where identity_id = any(?)")
        .param(last.keySet().stream().map(IdentityId::value).toArray(String[]::new))
        .update();
    insertUsernames(last.values());
  }

  private void insertUsernames(Collection<Identity> identities) {
    List<String> owners = new ArrayList<>();
    List<String> targets = new ArrayList<>();
    List<String> usernames = new ArrayList<>();
    identities.forEach(
        identity ->
            identity
                .usernames()
                .forEach(
                    (target, username) -> {
                      owners.add(identity.id().value());
                      targets.add(target);
                      usernames.add(username);
                    }));
    if (!owners.isEmpty()) {
      client
          .sql(
              "insert into identity_usernames (identity_id, target, username)"
                  + " select * from unnest(?::text[], ?::text[], ?::text[])")
          .param(owners.toArray(String[]::new))
          .param(targets.toArray(String[]::new))
          .param(usernames.toArray(String[]::new))
          .update();
      GrowingTables.wrote(client, "identity_usernames", owners.size());
    }
  }

  @Override
  public Stream<Identity> stream() {
    return client.sql(SELECT + " order by i.id").query(this::map).stream();
  }

  @Override
  public boolean isUsernameTaken(TargetId target, String username) {
    return client
        .sql("select exists (select 1 from identity_usernames where target = ? and username = ?)")
        .param(target.value())
        .param(username)
        .query(Boolean.class)
        .single();
  }

  @Override
  public Set<String> usernamesTaken(TargetId target, Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return Set.of();
    }
    return new TreeSet<>(
        client
            .sql("select username from identity_usernames where target = ? and username = any(?)")
            .param(target.value())
            .param(usernames.stream().distinct().toArray(String[]::new))
            .query(String.class)
            .list());
  }

  @Override
  public long count() {
    return client.sql("select count(*) from identities").query(Long.class).single();
  }

  private Identity map(ResultSet row, int number) throws SQLException {
    return rows.read(row, number);
  }
}
