package io.tenure.scim.server.store;

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
    assertThat(sql.sql())
        .contains("employeeId")
        .contains("greatest(i.updated_at, s.updated_at) >=")
        .contains("not");
    assertThat(sql.parameters()).hasSize(3);
  }

  @Test
  void equalityIsPlainSoThatExpressionIndexesServeIt() throws Exception {
    assertThat(FilterSql.of("userName eq \"Ada\"").sql())
        .isEqualTo(
            "(lower(coalesce((i.attributes->>'userName'), (i.attributes->>'email'),"
                + " (i.attributes->>'employeeId'), i.id)) = lower(?))");
    assertThat(FilterSql.of("externalId eq \"E-1\"").sql())
        .isEqualTo("((i.attributes->>'externalId') = ?)");
    FilterSql email = FilterSql.of("emails.value eq \"Ada@Example.com\"");
    assertThat(email.sql())
        .contains("lower(x.attributes->>'email') = lower(?)")
        .contains("scim_lower_values(u.resource, 'emails') @> array[lower(?)]");
    assertThat(email.parameters()).containsExactly("Ada@Example.com", "Ada@Example.com");
  }

  @Test
  void multiValuedAttributesAreMatchedOnSomeElement() throws Exception {
    FilterSql phone = FilterSql.of("phoneNumbers.value eq \"+49 30 1234\"");
    assertThat(phone.sql())
        .isEqualTo(
            "(exists (select 1 from jsonb_array_elements(coalesce(s.resource->'phoneNumbers',"
                + " '[]'::jsonb)) e(v) where (lower((e.v->>'value')) = lower(?))))");
    assertThat(phone.parameters()).containsExactly("+49 30 1234");

    FilterSql address = FilterSql.of("ADDRESSES[country eq \"DE\" and type eq \"work\"]");
    assertThat(address.sql())
        .startsWith("(exists (select 1 from jsonb_array_elements(coalesce(s.resource->'addresses'")
        .contains("lower((e.v->>'country')) = lower(?)")
        .contains("lower((e.v->>'type')) = lower(?)");
    assertThat(address.parameters()).containsExactly("DE", "work");

    assertThat(FilterSql.of("phoneNumbers.type ne \"fax\"").sql()).startsWith("(not exists");
    assertThat(FilterSql.of("addresses pr").sql())
        .isEqualTo(
            "(exists (select 1 from jsonb_array_elements(coalesce(s.resource->'addresses',"
                + " '[]'::jsonb)) e(v) where (e.v is not null)))");
    assertThat(FilterSql.of("emails[primary eq true]").sql())
        .contains("coalesce(((e.v->'primary')::boolean), false) = ?");
  }

  @Test
  void unmappedAttributesReadTheStoredResource() throws Exception {
    FilterSql sql =
        FilterSql.of(
            "nickName eq \"ada\" and name.middleName sw \"K\" and"
                + " urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter pr"
                + " and meta.created gt \"2026-01-01T00:00:00Z\" and profileUrl eq \"https://x\"");
    assertThat(sql.sql())
        .contains("lower((s.resource->>'nickName')) = lower(?)")
        .contains("lower(((s.resource->'name')->>'middleName')) like lower(?)")
        .contains(
            "(s.resource->'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User')"
                + "->>'costCenter'")
        .contains("s.created_at > ?")
        // a reference is case-exact
        .contains("((s.resource->>'profileUrl') = ?)");
    assertThat(sql.parameters()).hasSize(4);
  }

  @Test
  void sortKeysCoverSingularAndSubAttributes() throws Exception {
    assertThat(userOrder("name.familyName", false))
        .isEqualTo(
            " order by lower((i.attributes->>'familyName')) collate \"C\" asc nulls last, i.id");
    assertThat(userOrder("locale", true))
        .isEqualTo(" order by lower((s.resource->>'locale')) collate \"C\" desc nulls last, i.id");
    assertThat(userOrder("phoneNumbers", false)).contains("order by coalesce((e.v->'primary')");
    assertThat(userOrder(" ", false)).isEqualTo(" order by i.id");
    for (String bad : List.of("addresses", "name", "password", "nosuch", "emails[")) {
      assertThatThrownBy(() -> userOrder(bad, false))
          .as(bad)
          .isInstanceOfSatisfying(
              BadRequestException.class,
              e -> assertThat(e.getScimError().getScimType()).isEqualTo("invalidValue"));
    }
  }

  private static String userOrder(String sortBy, boolean descending) throws Exception {
    return FilterSql.orderBy(sortBy, descending, UserColumns::column, "i.id");
  }

  @Test
  void groupMembersAreMatchedInTheirOwnTableOneValueAtATime() throws Exception {
    FilterSql sql =
        FilterSql.of(
            "members[value eq \"u-1\" and display sw \"ad\"] or members.value eq \"u-2\"",
            GroupColumns.COLUMNS);
    assertThat(sql.sql())
        .contains("exists (select 1 from scim_group_members m where m.group_id = g.id and")
        .doesNotContain("u-1", "u-2");
    assertThat(sql.parameters()).containsExactly("u-1", "ad%", "u-2");
    FilterSql group =
        FilterSql.of("displayName eq \"Sales\" and externalId pr", GroupColumns.COLUMNS);
    assertThat(group.sql()).contains("g.display_name").contains("g.external_id");
    assertThatThrownBy(() -> FilterSql.of("userName eq \"x\"", GroupColumns.COLUMNS))
        .isInstanceOf(BadRequestException.class);
    FilterSql named =
        FilterSql.of(
            "urn:ietf:params:scim:schemas:core:2.0:Group:members[value eq \"u-3\"]",
            GroupColumns.COLUMNS);
    assertThat(named.sql()).contains("scim_group_members m").contains("m.identity_id = ?");
    assertThat(named.parameters()).containsExactly("u-3");
    assertThat(FilterSql.orderBy("displayName", true, GroupColumns.COLUMNS, "g.id"))
        .isEqualTo(" order by lower(g.display_name) collate \"C\" desc nulls last, g.id");
  }

  @Test
  void aUsersGroupsAreMatchedOnTheGroupsMembers() throws Exception {
    FilterSql sql = FilterSql.of("groups[display eq \"Sales\"] and groups.value eq \"g-1\"");
    assertThat(sql.sql())
        .contains("jsonb_array_elements(coalesce((select jsonb_agg(")
        .contains("from scim_group_members m join scim_groups g on g.id = m.group_id")
        .contains("lower((e.v->>'display')) = lower(?)")
        .contains("((e.v->>'value') = ?)")
        .doesNotContain("Sales", "g-1");
    assertThat(sql.parameters()).containsExactly("Sales", "g-1");
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
            "userName eq \"x\") or (",
            "password eq \"secret\"",
            "addresses eq \"x\"",
            "name co \"x\"",
            "addresses[nosuch eq \"x\"]",
            "title[value eq \"x\"]",
            "phoneNumbers.primary gt true",
            "urn:example:other:nickName eq \"x\"")) {
      assertThatThrownBy(() -> FilterSql.of(filter))
          .as(filter)
          .isInstanceOfSatisfying(
              BadRequestException.class,
              e -> assertThat(e.getScimError().getScimType()).isEqualTo("invalidFilter"));
    }
  }
}
