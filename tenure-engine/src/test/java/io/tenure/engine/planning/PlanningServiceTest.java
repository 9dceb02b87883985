package io.tenure.engine.planning;

import static org.assertj.core.api.Assertions.assertThat;

import io.tenure.core.account.TargetId;
import io.tenure.core.identity.Employment;
import io.tenure.core.identity.EmploymentStatus;
import io.tenure.core.identity.Identity;
import io.tenure.core.identity.IdentityId;
import io.tenure.core.identity.LifecycleState;
import io.tenure.core.plan.CreateAccount;
import io.tenure.core.plan.Operation;
import io.tenure.core.plan.Plan;
import io.tenure.engine.identity.IdentityRepository;
import io.tenure.engine.testing.EngineFixture;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** How planning reads the store: once for everybody, a batch at a time for a few. */
class PlanningServiceTest {

  private final EngineFixture engine = new EngineFixture(Path.of("unused.csv"), "unused");
  private final CountingIdentities counting = new CountingIdentities(engine.identities);

  private PlanningService planning(int batchSize) {
    DesiredStateService desired =
        new DesiredStateService(
            ConfiguredPolicy.of(engine.configuration), counting, engine.accounts, engine.clock);
    return new PlanningService(
        desired, counting, engine.accounts, engine.transactions, engine.clock, batchSize);
  }

  @Test
  void everybodyIsReadOnceAndNamedInOneOrderAcrossBatches() {
    // named already, so planned while the store is read; the others are named after it
    engine.identities.save(
        person("identity-0", "Zed", "Named").withUsername("directory", "znamed"));
    engine.identities.save(person("identity-1", "Alice", "Archer"));
    engine.identities.save(person("identity-2", "Anna", "Archer"));
    engine.identities.save(person("identity-3", "Amy", "Archer"));

    Plan plan = planning(2).plan();

    assertThat(counting.streams).as("the store is streamed once").isEqualTo(1);
    assertThat(creates(plan))
        .containsExactlyInAnyOrder("znamed", "aarcher", "aarcher2", "aarcher3");
    assertThat(engine.identities.get(new IdentityId("identity-3")).usernames())
        .as("the names given are saved")
        .containsEntry("directory", "aarcher3");
    Plan oneAtATime =
        new PlanningService(
                new DesiredStateService(
                    ConfiguredPolicy.of(engine.configuration),
                    engine.identities,
                    engine.accounts,
                    engine.clock),
                engine.identities,
                engine.accounts,
                engine.transactions,
                engine.clock,
                1)
            .plan();
    assertThat(oneAtATime).as("the same plan however the batches fall").isEqualTo(plan);
  }

  @Test
  void aFewIdentitiesAreReadABatchAtATimeNotOneByOne() {
    engine.identities.save(person("identity-1", "Alice", "Archer"));
    engine.identities.save(person("identity-2", "Anna", "Archer"));
    engine.identities.save(person("identity-3", "Bob", "Baker").withUsername("directory", "bb"));

    Plan plan =
        planning(2)
            .planFor(
                List.of(
                    new IdentityId("identity-3"),
                    new IdentityId("identity-1"),
                    new IdentityId("identity-2"),
                    new IdentityId("absent")));

    assertThat(counting.finds).as("no identity read by itself").isZero();
    // two batches of two ids; then the two people who need a username, held by id only until they
    // are named, read again as one batch
    assertThat(counting.findAlls)
        .as("two batches of two ids, one of the people named")
        .isEqualTo(3);
    assertThat(creates(plan)).containsExactlyInAnyOrder("aarcher", "aarcher2", "bb");
  }

  @Test
  void theNumberedNamesOfACollisionAreAskedTogetherNotOneByOne() {
    // aarcher and aarcher2 are held; three more Archers are named one batch after the other, each
    // batch's first choice taken by then, so each tries the numbered names
    engine.identities.save(
        person("identity-0", "Ann", "Archer").withUsername("directory", "aarcher"));
    engine.identities.save(
        person("identity-9", "Abe", "Archer").withUsername("directory", "aarcher2"));
    engine.identities.save(person("identity-1", "Alice", "Archer"));
    engine.identities.save(person("identity-2", "Anna", "Archer"));
    engine.identities.save(person("identity-3", "Amy", "Archer"));
    // beyond the names asked ahead: bbaker up to bbaker7 are held
    engine.identities.save(
        person("identity-b", "Bob", "Baker").withUsername("directory", "bbaker"));
    for (int number = 2; number <= 7; number++) {
      engine.identities.save(
          person("identity-b" + number, "Bea", "Baker")
              .withUsername("directory", "bbaker" + number));
    }
    engine.identities.save(person("identity-4", "Ben", "Baker"));

    Plan plan = planning(1).plan();

    assertThat(creates(plan))
        .contains("aarcher3", "aarcher4", "aarcher5", "bbaker8")
        .doesNotHaveDuplicates();
    assertThat(engine.identities.get(new IdentityId("identity-4")).usernames())
        .containsEntry("directory", "bbaker8");
    // only the numbered names beyond those asked ahead (bbaker6, bbaker7, bbaker8) one by one
    assertThat(counting.namesAskedOneByOne)
        .as("numbered names asked one at a time")
        .containsExactly("bbaker6", "bbaker7", "bbaker8");
  }

  @Test
  void peopleOfOneBatchWhoWantTheSameNameHaveTheNumberedNamesAskedTogether() {
    engine.identities.save(person("identity-1", "Alice", "Archer"));
    engine.identities.save(person("identity-2", "Anna", "Archer"));
    engine.identities.save(person("identity-3", "Amy", "Archer"));

    Plan plan = planning(10).plan();

    assertThat(creates(plan)).containsExactlyInAnyOrder("aarcher", "aarcher2", "aarcher3");
    assertThat(counting.namesAskedOneByOne).as("numbered names asked one at a time").isEmpty();
  }

  @Test
  void identitiesJustSavedArePlannedAsGivenWithoutBeingReadAgain() {
    Identity named = person("identity-3", "Bob", "Baker").withUsername("directory", "bb");
    Identity fresh = person("identity-4", "Cid", "Cole").withUsername("directory", "ccole");
    Identity unnamed = person("identity-1", "Alice", "Archer");
    List.of(named, fresh, unnamed).forEach(engine.identities::save);
    Plan expected =
        planning(10)
            .planFor(
                List.of(
                    new IdentityId("identity-3"),
                    new IdentityId("identity-4"),
                    new IdentityId("identity-1")));
    int readsBefore = counting.findAlls;

    Plan plan =
        planning(10)
            .planForCurrent(List.of(fresh, unnamed, named), Set.of(new IdentityId("identity-4")));

    assertThat(plan).as("the plan planFor makes of them").isEqualTo(expected);
    assertThat(creates(plan)).containsExactlyInAnyOrder("bb", "ccole", "aarcher");
    assertThat(counting.finds).as("no identity read by itself").isZero();
    assertThat(counting.findAlls - readsBefore)
        .as("only the person who needs a username is read again, to be named")
        .isEqualTo(1);
  }

  private static List<String> creates(Plan plan) {
    return plan.operations().stream()
        .filter(CreateAccount.class::isInstance)
        .map(Operation::username)
        .toList();
  }

  private static Identity person(String id, String given, String family) {
    return new Identity(
        new IdentityId(id),
        LifecycleState.ACTIVE,
        Map.of("employeeId", id, "givenName", given, "familyName", family),
        new Employment(EmploymentStatus.ACTIVE, LocalDate.of(2024, 1, 1), null),
        Map.of());
  }

  /** Counts the reads planning makes, passing everything on. */
  private static final class CountingIdentities implements IdentityRepository {
    private final IdentityRepository store;
    private int streams;
    private int finds;
    private int findAlls;
    private final List<String> namesAskedOneByOne = new java.util.ArrayList<>();

    CountingIdentities(IdentityRepository store) {
      this.store = store;
    }

    @Override
    public Optional<Identity> find(IdentityId id) {
      finds++;
      return store.find(id);
    }

    @Override
    public List<Identity> findAll(Collection<IdentityId> ids) {
      findAlls++;
      return ids.stream().sorted().map(store::find).flatMap(Optional::stream).toList();
    }

    @Override
    public List<IdentityId> findByAttribute(String attribute, String value) {
      return store.findByAttribute(attribute, value);
    }

    @Override
    public void save(Identity identity) {
      store.save(identity);
    }

    @Override
    public Stream<Identity> stream() {
      streams++;
      return store.stream();
    }

    @Override
    public boolean isUsernameTaken(TargetId target, String username) {
      namesAskedOneByOne.add(username);
      return store.isUsernameTaken(target, username);
    }

    @Override
    public Set<String> usernamesTaken(TargetId target, Collection<String> usernames) {
      return store.usernamesTaken(target, usernames);
    }

    @Override
    public long count() {
      return store.count();
    }
  }
}
