package io.tenure.web.api;

import io.tenure.engine.audit.AuditLog;
import io.tenure.engine.audit.AuditQuery;
import io.tenure.engine.audit.AuditRecord;
import io.tenure.engine.people.PersonDirectory;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/** The audit trail as the API and the console search it. */
@Component
@ConditionalOnWebApplication
public class AuditTrail {

  private final ObjectProvider<AuditLog> audit;
  private final ObjectProvider<PersonDirectory> people;

  AuditTrail(ObjectProvider<AuditLog> audit, ObjectProvider<PersonDirectory> people) {
    this.audit = audit;
    this.people = people;
  }

  /** The events matching the query, newest first, with the cursor of the next page. */
  public AuditViews.Page search(AuditQuery query) {
    List<AuditRecord> found = audit.getObject().search(query);
    Long next =
        found.size() == query.limit() && !found.isEmpty()
            ? found.get(found.size() - 1).sequence()
            : null;
    var names = people.getObject().names(Views.people(found));
    return new AuditViews.Page(
        found.stream().map(record -> Views.event(record, names)).toList(), next);
  }
}
