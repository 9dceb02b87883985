package io.tenure.web.console;

import io.tenure.web.security.Open;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page: user name and password, and single sign-on when an OIDC provider is set. */
@Controller
@ConditionalOnWebApplication
class LoginPage {

  private final boolean singleSignOn;

  LoginPage(Environment environment) {
    this.singleSignOn = !environment.getProperty("tenure.oidc.issuer", "").isBlank();
  }

  @GetMapping("/login")
  @Open
  String login(Model model) {
    model.addAttribute("singleSignOn", singleSignOn);
    return "console/login";
  }
}
