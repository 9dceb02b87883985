package io.tenure.governance.certification;

import java.util.List;
import java.util.Optional;

/** Port: campaigns and their items. Every method may be called in a transaction. */
public interface CampaignRepository {

  /** Stores a new campaign with its items. */
  void insert(Campaign campaign, List<CampaignItem> items);

  /** Replaces a campaign's row (its due date, reminder, state). */
  void update(Campaign campaign);

  /** Replaces an item (its decision, its reviewers). */
  void update(CampaignItem item);

  Optional<Campaign> find(String id);

  /**
   * Like {@link #find}, and locks the campaign for the current transaction so that decisions and
   * the deadline do not race.
   */
  Optional<Campaign> lock(String id);

  /** Every campaign, newest first. */
  List<Campaign> list();

  /** A campaign's items, by number. */
  List<CampaignItem> items(String campaign);
}
