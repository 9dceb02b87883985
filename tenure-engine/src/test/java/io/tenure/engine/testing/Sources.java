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
}
