package io.tenure.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * V79's backfill on the machine's PostgreSQL: a store made before V79 keeps, in {@code
 * scim_user_names}, the lower-cased userName of each User SCIM wrote and did not delete (falling
 * back as the User shows it: email, employeeId, id); where two Users shared one, the first created
 * keeps it; people of other sources and deleted Users hold none.
 */
class ScimUserNamesMigrationIT {

  private ScratchDatabase database;
  private JdbcClient client;
  private DataSource dataSource;

  @BeforeEach
  void createDatabase() throws Exception {
    database = ScratchDatabase.create();
    dataSource = database.dataSource();
    client = JdbcClient.create(dataSource);
  }

  @AfterEach
  void dropDatabase() throws Exception {
    database.close();
  }

  @Test
  void theUsersScimWroteKeepTheirNamesTheFirstCreatedWinsAndTheDeletedHoldNone() {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .target("78")
        .load()
        .migrate();
    person("id-ada", "{\"userName\": \"Ada\", \"email\": \"ada@example.com\"}");
    scimUser("id-ada", "2026-01-02T10:00:00Z");
    person("id-ada-again", "{\"userName\": \"ADA\"}"); // the same name, created later
    scimUser("id-ada-again", "2026-01-03T10:00:00Z");
    person("id-mail", "{\"email\": \"Grace@Example.com\", \"employeeId\": \"E2\"}");
    scimUser("id-mail", "2026-01-04T10:00:00Z");
    person("id-number", "{\"employeeId\": \"E3\"}");
    scimUser("id-number", "2026-01-05T10:00:00Z");
    person("id-bare", "{}");
    scimUser("id-bare", "2026-01-06T10:00:00Z");
    person("id-gone", "{\"userName\": \"linus\"}");
    scimUser("id-gone", "2026-01-07T10:00:00Z");
    client
        .sql(
            "insert into scim_deleted_users (identity_id, deleted_at, actor)"
                + " values ('id-gone', now(), 'scim:test')")
        .update();
    person("id-hr", "{\"userName\": \"margaret\"}"); // of a file source: SCIM never wrote it

    JdbcStore.migrate(dataSource);

    Map<String, String> names =
        client
            .sql("select identity_id, user_name from scim_user_names")
            .query()
            .listOfRows()
            .stream()
            .collect(
                Collectors.toMap(
                    row -> (String) row.get("identity_id"), row -> (String) row.get("user_name")));
    assertThat(names)
        .containsOnly(
            Map.entry("id-ada", "ada"),
            Map.entry("id-mail", "grace@example.com"),
            Map.entry("id-number", "e3"),
            Map.entry("id-bare", "id-bare"));

    // held from now on: a second holder of a name, in any case, cannot commit
    assertThatThrownBy(
            () ->
                client
                    .sql(
                        "insert into scim_user_names (identity_id, user_name)"
                            + " values ('id-ada-again', 'ada')")
                    .update())
        .isInstanceOf(DataIntegrityViolationException.class);
  }

  private void person(String id, String attributes) {
    client
        .sql(
            "insert into identities (id, state, attributes, employment_status, updated_at)"
                + " values (:id, 'ACTIVE', cast(:attributes as jsonb), 'ACTIVE', now())")
        .param("id", id)
        .param("attributes", attributes)
        .update();
  }

  private void scimUser(String id, String createdAt) {
    client
        .sql(
            "insert into scim_users (identity_id, resource, created_at, updated_at)"
                + " values (:id, '{}'::jsonb, cast(:created as timestamptz),"
                + " cast(:created as timestamptz))")
        .param("id", id)
        .param("created", createdAt)
        .update();
  }
}
