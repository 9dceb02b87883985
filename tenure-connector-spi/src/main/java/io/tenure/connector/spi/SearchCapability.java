package io.tenure.connector.spi;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/** The target can be read. */
public interface SearchCapability {

  /** The account with that name, with its entitlements, if it exists. */
  Optional<RemoteAccount> find(String name);

  /**
   * Every account under the connector's account base, streamed with paged reads: the caller must
   * close the stream. Memory use does not grow with the number of accounts.
   */
  Stream<RemoteAccount> accounts();

  /**
   * Which of these names an account on the target already uses, <b>whether or not this connector
   * would manage it</b>: a name answered here cannot be given to a new account. Asked before a new
   * username is chosen, so that a new person never gets the name of an account somebody else holds.
   *
   * <p>The default asks {@link #find} for each name; connectors that can, answer with one request
   * for many names, and connectors whose {@link #find} hides accounts they do not manage (such as
   * database logins without Tenure's marker) also look at those.
   */
  default Set<String> namesInUse(Collection<String> names) {
    Set<String> used = new LinkedHashSet<>();
    for (String name : names) {
      if (find(name).isPresent()) {
        used.add(name);
      }
    }
    return used;
  }
}
