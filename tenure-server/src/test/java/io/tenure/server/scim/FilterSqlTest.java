package io.tenure.server.scim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Filters become bound SQL; nothing from the filter text reaches the SQL except through binds. */
class FilterSqlTest {

  @Test
  void comparisonsAreBoundAndCaseInsensitive() throws Exception {
    FilterSql sql = FilterSql.of("UserName eq \"Ada\" and title co \"50%_x\"");
    assertThat(sql.sql()).contains("lower(", " like lower(?) escape").doesNotContain("Ada");
    assertThat(sql.parameters()).containsExactly("Ada", "%50\\%\\_x%");
  }

  @Test
  void valueFiltersUseTheSubAttributesOfTheValue() throws Exception {
    FilterSql sql = FilterSql.of("emails[type eq \"work\" and value co \"@x\"]");
    assertThat(sql.sql()).contains("'work'").contains("i.attributes->>'email'");
    assertThat(sql.parameters()).containsExactly("work", "%@x%");
  }

  @Test
  void enterpriseAndMetaAttributes() throws Exception {
    FilterSql sql =
        FilterSql.of(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber sw \"E\""
                + " or meta.lastModified ge \"2026-01-01T00:00:00Z\" or not (active eq false)");
    assertThat(sql.sql()).contains("employeeId").contains("i.updated_at >=").contains("not");
    assertThat(sql.parameters()).hasSize(3);
  }

  @Test
  void groupMembersAreMatchedInTheirOwnTableOneValueAtATime() throws Exception {
    FilterSql sql =
        FilterSql.of(
            "members[value eq \"u-1\" and display sw \"ad\"] or members.value eq \"u-2\"",
            ScimGroups.COLUMNS);
    assertThat(sql.sql())
        .contains("exists (select 1 from scim_group_members m where m.group_id = g.id and")
        .doesNotContain("u-1", "u-2");
    assertThat(sql.parameters()).containsExactly("u-1", "ad%", "u-2");
    FilterSql group =
        FilterSql.of("displayName eq \"Sales\" and externalId pr", ScimGroups.COLUMNS);
    assertThat(group.sql()).contains("g.display_name").contains("g.external_id");
    assertThatThrownBy(() -> FilterSql.of("userName eq \"x\"", ScimGroups.COLUMNS))
        .isInstanceOf(BadRequestException.class);
  }

  @Test
  void unsupportedFiltersAreInvalidFilter() {
    for (String filter :
        List.of(
            "userName eq",
            "nosuch eq \"x\"",
            "active gt true",
            "active co \"t\"",
            "meta.lastModified gt \"yesterday\"",
            "emails[value co \"x\" and phoneNumbers[value eq \"1\"]]",
            "userName eq \"x\") or (")) {
      assertThatThrownBy(() -> FilterSql.of(filter))
          .as(filter)
          .isInstanceOfSatisfying(
              BadRequestException.class,
              e -> assertThat(e.getScimError().getScimType()).isEqualTo("invalidFilter"));
    }
  }
}
