package io.tenure.core.lifecycle;

/** The kinds of change found between two versions of an identity. */
public enum LifecycleEventKind {
  /** A person seen for the first time. */
  JOINER,
  /** A person who had left (terminated or purged) and is no longer gone. */
  REHIRE,
  /** A person who became terminated (or purged). */
  LEAVER,
  /** A person who went on leave. */
  LEAVE_STARTED,
  /** A person back from leave. */
  RETURNED_FROM_LEAVE,
  /** A pre-hire whose start date has come. */
  STARTED,
  /** A change of one or more mover attributes (department, title, manager, location, ...). */
  MOVER,
  /** Any other change: other attributes, employment dates, a state change not named above. */
  UPDATED
}
