package io.tenure.core.policy;

import java.util.List;
import java.util.Objects;

/**
 * A role in the transitive closure of another role, with the chain of includes that brings it in.
 *
 * @param role the role held
 * @param includedBy the roles that include it, nearest first, ending with the role the closure was
 *     taken of; empty for that role itself. For {@code engineering -> staff -> everyone}, the
 *     closure of {@code engineering} holds {@code everyone} included by {@code [staff,
 *     engineering]}.
 */
public record IncludedRole(RoleName role, List<RoleName> includedBy) {

  public IncludedRole {
    Objects.requireNonNull(role, "role");
    includedBy = List.copyOf(includedBy);
  }
}
