package io.tenure.engine.access;

/**
 * One thing a principal may do over HTTP or in the console. Every endpoint requires exactly one
 * permission; {@link AccessRules} gives the permissions of each {@link AccessRole}.
 */
public enum Permission {
  /** See one's own person, access and accounts. */
  VIEW_OWN_ACCESS,
  /** Search people and see anyone's attributes, access, accounts, pending operations, history. */
  VIEW_PEOPLE,
  /** Read the configured roles and birthright rules. */
  VIEW_POLICY,
  /** Read plans, held ones included, with their operations and reasons. */
  VIEW_PLANS,
  /** Approve (resume) or reject a plan the mass-change brake held. */
  DECIDE_PLANS,
  /** Read the durable queue's operations. */
  VIEW_OPERATIONS,
  /** Retry or discard a parked or failed operation. */
  OPERATE_QUEUE,
  /** Read reconciliation findings. */
  VIEW_FINDINGS,
  /** Search the audit trail. */
  VIEW_AUDIT,
  /** Read the operational metrics. */
  VIEW_METRICS,
  /** List the users who log in and the API tokens (never a secret). */
  VIEW_ACCESS_CONTROL,
  /** Create and disable users, create and revoke API tokens. */
  MANAGE_ACCESS_CONTROL,
  /** Run the compliance reports (access, leavers, exceptions, changes, ...). */
  VIEW_REPORTS,
  /** Read certification campaigns, their progress and items. */
  VIEW_CAMPAIGNS,
  /** Start and close certification campaigns. */
  MANAGE_CAMPAIGNS,
  /**
   * File, follow and decide access requests, and compare access for cloning: for oneself and one's
   * reporting line, decisions as the approver of a step (an operator or administrator: for anyone).
   * The request services check who may do what with each request.
   */
  REQUEST_ACCESS
}
