package io.tenure.engine.planning;

import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.engine.ingest.SourceRecordLocations;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The order in which people who need a new username get one, so that two people whose names collide
 * are numbered the same way by every run ({@code tenure plan} and the {@code apply} that follows
 * it): by where the sources reported them, the first configured source that knows the person first,
 * then that source's file (or table), then the line (or record name), and only then by identity id.
 * People who already hold a username keep it, so existing accounts always come first. Identity ids
 * are random, so ordering by them alone would give the first-numbered name to a different person in
 * a dry run than in the real one. Immutable and thread-safe.
 */
public final class UsernameOrder {

  private static final Comparator<Position> POSITION =
      Comparator.comparingInt(Position::sourceRank)
          .thenComparing(Position::origin)
          .thenComparingLong(Position::line)
          .thenComparing(Position::record)
          .thenComparing(Position::identity);

  private final List<String> sources;
  private final SourceRecordLocations locations;

  /**
   * @param sources the configured sources' names, in configuration order
   * @param locations where each source last reported each person
   */
  public UsernameOrder(List<String> sources, SourceRecordLocations locations) {
    this.sources = List.copyOf(sources);
    this.locations = Objects.requireNonNull(locations, "locations");
  }

  /** Orders by identity id alone (for tools and tests that remember no record locations). */
  public static UsernameOrder byIdentityId() {
    return new UsernameOrder(List.of(), SourceRecordLocations.none());
  }

  /** How many people's record locations are read at a time. */
  private static final int LOCATIONS_PER_READ = 1000;

  /** The people in the order they are to get new usernames. */
  public List<Identity> sort(Collection<Identity> people) {
    if (people.size() < 2) {
      return List.copyOf(people);
    }
    Map<IdentityId, Identity> byId = new HashMap<>();
    people.forEach(identity -> byId.put(identity.id(), identity));
    return sortIds(byId.keySet()).stream().map(byId::get).toList();
  }

  /**
   * The ids of the people in the order they are to get new usernames, as {@link #sort}: for many
   * people, whom the caller holds by id only. Their record locations are read {@value
   * #LOCATIONS_PER_READ} at a time; what is held is one position per person.
   */
  public List<IdentityId> sortIds(Collection<IdentityId> people) {
    if (people.size() < 2) {
      return List.copyOf(people);
    }
    List<IdentityId> ids = List.copyOf(people);
    Map<String, String> origins = new HashMap<>();
    Map<Position, IdentityId> sorted = new TreeMap<>(POSITION);
    for (int from = 0; from < ids.size(); from += LOCATIONS_PER_READ) {
      List<IdentityId> batch = ids.subList(from, Math.min(ids.size(), from + LOCATIONS_PER_READ));
      Map<IdentityId, Map<String, String>> known = locations.of(batch);
      for (IdentityId identity : batch) {
        Position position = position(identity, known.getOrDefault(identity, Map.of()));
        // the same file names every person it reported: held once
        sorted.put(
            position.withOrigin(origins.computeIfAbsent(position.origin(), o -> o)), identity);
      }
    }
    return new ArrayList<>(sorted.values());
  }

  private Position position(IdentityId identity, Map<String, String> bySource) {
    for (int rank = 0; rank < sources.size(); rank++) {
      String location = bySource.get(sources.get(rank));
      if (location != null) {
        return Position.of(rank, location, identity);
      }
    }
    if (!bySource.isEmpty()) {
      String source = new TreeMap<>(bySource).firstKey();
      return Position.of(sources.size(), bySource.get(source), identity);
    }
    return new Position(sources.size() + 1, "", 0, "", identity.value());
  }

  /**
   * Where a person was reported, comparable: {@code people.csv:17} before {@code people.csv:100}.
   */
  private record Position(
      int sourceRank, String origin, long line, String record, String identity) {

    Position withOrigin(String same) {
      return new Position(sourceRank, same, line, record, identity);
    }

    static Position of(int rank, String location, IdentityId identity) {
      int colon = location.lastIndexOf(':');
      if (colon > 0 && colon < location.length() - 1) {
        String tail = location.substring(colon + 1);
        if (tail.length() < 18 && tail.chars().allMatch(Character::isDigit)) {
          return new Position(
              rank, location.substring(0, colon), Long.parseLong(tail), "", identity.value());
        }
        return new Position(rank, location.substring(0, colon), 0, tail, identity.value());
      }
      return new Position(rank, "", 0, location, identity.value());
    }
  }
}
