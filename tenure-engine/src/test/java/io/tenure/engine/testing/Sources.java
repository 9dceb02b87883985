package io.tenure.engine.testing;

import io.tenure.engine.configuration.LifecycleColumns;
import io.tenure.engine.configuration.SourceDefinition;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Source definitions for tests. */
public final class Sources {

  private Sources() {}

  /**
   * An HR source {@code hr} keyed on employeeId (fallback email) with columns employee_id,
   * first_name, last_name, email, department, title, status, start_date, end_date, and a computed
   * displayName.
   */
  public static SourceDefinition hr(Path file) {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("employeeId", "employee_id");
    attributes.put("givenName", "first_name");
    attributes.put("familyName", "last_name");
    attributes.put("email", "email");
    attributes.put("department", "department");
    attributes.put("displayName", "first_name + ' ' + last_name");
    return new SourceDefinition(
        "hr",
        "csv",
        file,
        "employeeId",
        List.of("email"),
        attributes,
        Set.of("givenName", "familyName"),
        new LifecycleColumns(
            "status",
            LifecycleColumns.defaultStatusValues(),
            "start_date",
            "end_date",
            "yyyy-MM-dd"));
  }

  public static final String HEADER =
      "employee_id,first_name,last_name,email,department,status,start_date,end_date\n";

  /**
   * A row of {@link #HEADER}: an active employee since 2024-01-01 named after {@code name}
   * (capitalised) Archer, whose e-mail is {@code name@example.com}.
   */
  public static String row(String employeeId, String name, String department) {
    return employeeId
        + ","
        + Character.toUpperCase(name.charAt(0))
        + name.substring(1)
        + ",Archer,"
        + name
        + "@example.com,"
        + department
        + ",active,2024-01-01,\n";
  }
}
