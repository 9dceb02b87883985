package io.tenure.engine.people;

import io.tenure.core.identity.Identity;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a person search.
 *
 * @param people the people of the page, in search order
 * @param next the cursor of the next page, null when this is the last
 */
public record PersonPage(List<Identity> people, @Nullable String next) {

  public PersonPage {
    people = List.copyOf(people);
  }
}
