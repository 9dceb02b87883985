package io.tenure.engine.people;

import io.tenure.core.lifecycle.Presence;
import io.tenure.core.policy.Access;

/**
 * What policy says one person should have today, with every reason: whether their accounts should
 * exist and be enabled (and why), the roles they hold and the entitlements on each target, each
 * with its reason chain as {@code tenure plan} shows it.
 *
 * @param presence the accounts' presence from the lifecycle, with its reason
 * @param access roles and entitlements with reasons (none when the lifecycle needs no account)
 */
public record ExplainedAccess(Presence presence, Access access) {}
