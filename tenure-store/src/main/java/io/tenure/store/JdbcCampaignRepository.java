package io.tenure.store;

import io.tenure.core.identity.IdentityId;
import io.tenure.governance.certification.Campaign;
import io.tenure.governance.certification.CampaignItem;
import io.tenure.governance.certification.CampaignRepository;
import io.tenure.governance.certification.CampaignScope;
import io.tenure.governance.certification.DeadlinePolicy;
import io.tenure.governance.certification.ReviewerRule;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Campaigns in {@code certification_campaigns}, their items in {@code certification_items}. */
public final class JdbcCampaignRepository implements CampaignRepository {

  private final JdbcClient client;
  private final JdbcTemplate template;

  public JdbcCampaignRepository(DataSource dataSource) {
    this.template = new JdbcTemplate(dataSource);
    this.client = JdbcClient.create(template);
  }

  @Override
  public void insert(Campaign campaign, List<CampaignItem> items) {
    client
        .sql(
            "insert into certification_campaigns (id, name, scope, reviewers, due, on_deadline,"
                + " state, started_by, started_at, reminded_at, closed_at)"
                + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .param(campaign.id())
        .param(campaign.name())
        .param(campaign.scope().describe())
        .param(campaign.reviewers().describe())
        .param(Date.valueOf(campaign.due()))
        .param(campaign.onDeadline().name())
        .param(campaign.state().name())
        .param(campaign.startedBy())
        .param(Timestamps.bind(campaign.startedAt()))
        .param(Timestamps.bind(campaign.remindedAt()))
        .param(Timestamps.bind(campaign.closedAt()))
        .update();
    List<Object[]> rows = new ArrayList<>();
    for (CampaignItem item : items) {
      rows.add(
          new Object[] {
            item.campaign(),
            item.number(),
            item.identity().value(),
            item.employeeId(),
            item.personName(),
            item.role(),
            item.origin().name(),
            item.originReference(),
            Timestamps.bind(item.grantedAt()),
            String.join(",", item.reviewers()),
            item.decision().name()
          });
    }
    template.batchUpdate(
        "insert into certification_items (campaign, number, identity_id, employee_id, person_name,"
            + " role, origin, origin_reference, granted_at, reviewers, decision)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(string_to_array(nullif(?, ''), ','), '{}'), ?)",
        rows);
  }

  @Override
  public void update(Campaign campaign) {
    client
        .sql(
            "update certification_campaigns set due = ?, state = ?, reminded_at = ?, closed_at = ?"
                + " where id = ?")
        .param(Date.valueOf(campaign.due()))
        .param(campaign.state().name())
        .param(Timestamps.bind(campaign.remindedAt()))
        .param(Timestamps.bind(campaign.closedAt()))
        .param(campaign.id())
        .update();
  }

  @Override
  public void update(CampaignItem item) {
    client
        .sql(
            "update certification_items set reviewers = coalesce(string_to_array(nullif(?, ''), ','), '{}'),"
                + " decision = ?, decided_by = ?, decided_at = ?, comment = ?"
                + " where campaign = ? and number = ?")
        .param(String.join(",", item.reviewers()))
        .param(item.decision().name())
        .param(item.decidedBy())
        .param(Timestamps.bind(item.decidedAt()))
        .param(item.comment())
        .param(item.campaign())
        .param(item.number())
        .update();
  }

  @Override
  public Optional<Campaign> find(String id) {
    return client
        .sql("select * from certification_campaigns where id = ?")
        .param(id)
        .query((row, number) -> campaign(row))
        .optional();
  }

  @Override
  public Optional<Campaign> lock(String id) {
    return client
        .sql("select * from certification_campaigns where id = ? for update")
        .param(id)
        .query((row, number) -> campaign(row))
        .optional();
  }

  @Override
  public List<Campaign> list() {
    return client
        .sql("select * from certification_campaigns order by started_at desc, id")
        .query((row, number) -> campaign(row))
        .list();
  }

  @Override
  public List<CampaignItem> items(String campaign) {
    return client
        .sql("select * from certification_items where campaign = ? order by number")
        .param(campaign)
        .query((row, number) -> item(row))
        .list();
  }

  private static Campaign campaign(ResultSet row) throws SQLException {
    return new Campaign(
        row.getString("id"),
        row.getString("name"),
        CampaignScope.parse(row.getString("scope")),
        ReviewerRule.parse(row.getString("reviewers")),
        row.getDate("due").toLocalDate(),
        DeadlinePolicy.valueOf(row.getString("on_deadline")),
        Campaign.State.valueOf(row.getString("state")),
        row.getString("started_by"),
        Timestamps.readRequired(row, "started_at"),
        Timestamps.read(row, "reminded_at"),
        Timestamps.read(row, "closed_at"));
  }

  private static CampaignItem item(ResultSet row) throws SQLException {
    Array reviewers = row.getArray("reviewers");
    List<String> names =
        reviewers == null ? List.of() : Arrays.asList((String[]) reviewers.getArray());
    return new CampaignItem(
        row.getString("campaign"),
        row.getInt("number"),
        new IdentityId(row.getString("identity_id")),
        row.getString("employee_id"),
        row.getString("person_name"),
        row.getString("role"),
        CampaignItem.Origin.valueOf(row.getString("origin")),
        row.getString("origin_reference"),
        Timestamps.read(row, "granted_at"),
        names,
        CampaignItem.Decision.valueOf(row.getString("decision")),
        row.getString("decided_by"),
        Timestamps.read(row, "decided_at"),
        row.getString("comment"));
  }
}
