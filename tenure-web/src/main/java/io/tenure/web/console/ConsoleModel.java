package io.tenure.web.console;

import io.tenure.engine.access.AccessPrincipal;
import io.tenure.engine.access.Permission;
import io.tenure.web.security.HoldsAccessPrincipal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page knows: who is logged in ({@code me}, null for nobody) and what they may
 * do ({@code may.view_people}, ...), so that the navigation shows only what they can open.
 */
@ControllerAdvice(basePackageClasses = ConsoleModel.class)
@ConditionalOnWebApplication
public class ConsoleModel {

  @ModelAttribute
  void add(Model model) {
    model.addAllAttributes(attributes());
  }

  /** The attributes, for pages rendered outside a console controller (the error page). */
  public static Map<String, Object> attributes() {
    AccessPrincipal me =
        HoldsAccessPrincipal.of(SecurityContextHolder.getContext().getAuthentication())
            .orElse(null);
    Map<String, Boolean> may = new HashMap<>();
    for (Permission permission : Permission.values()) {
      may.put(permission.name().toLowerCase(Locale.ROOT), me != null && me.may(permission));
    }
    Map<String, Object> attributes = new HashMap<>();
    attributes.put("may", may);
    if (me != null) {
      attributes.put("me", me);
    }
    return attributes;
  }
}
