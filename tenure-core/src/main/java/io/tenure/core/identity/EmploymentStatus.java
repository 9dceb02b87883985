package io.tenure.core.identity;

/** The employment status an authoritative source reports. */
public enum EmploymentStatus {
  ACTIVE,
  LEAVE,
  TERMINATED
}
