package io.tenure.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tenure.oidcprovider.OidcProvider;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * OIDC login against a real provider started in the test JVM (Spring Authorization Server): the
 * provider's subject is matched to a person by the configured claim ({@code sub}) against the
 * identity attribute {@code email}; the person logs in to the console as themselves, and a login
 * that matches nobody is refused. In real headless Chromium.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcLoginIT {

  private OidcProvider provider;
  private ConsoleServer server;
  private WebDriver browser;

  @BeforeAll
  void start() throws Exception {
    if (!"true".equals(System.getenv("CI"))) {
      assumeTrue(Chromium.installed(), "chromium and chromium-driver are not installed");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    provider = new OidcProvider(port);
    server =
        new ConsoleServer(
            "oidc",
            Map.of(
                "tenure.oidc.issuer", provider.issuer(),
                "tenure.oidc.client", "tenure",
                "tenure.oidc.secret", OidcProvider.CLIENT_SECRET,
                "tenure.oidc.claim", "sub",
                "tenure.oidc.attribute", "email"),
            port);
    browser = Chromium.start();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      try {
        if (server != null) {
          server.close();
        }
      } finally {
        if (provider != null) {
          provider.close();
        }
      }
    }
  }

  @BeforeEach
  void loggedOut() {
    browser.manage().deleteAllCookies();
  }

  private void singleSignOn(String person) {
    browser.get(server.root + "/login");
    browser.findElement(By.id("single-sign-on")).click();
    WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.name("username")));
    browser.findElement(By.name("username")).sendKeys(person);
    browser.findElement(By.name("password")).sendKeys(OidcProvider.PASSWORD);
    browser.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(ExpectedConditions.urlContains(server.root));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
  }

  @Test
  void aPersonLogsInThroughTheProviderAndActsAsThemselves() throws Exception {
    singleSignOn(OidcProvider.PERSON);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
    assertThat(browser.findElement(By.cssSelector("form.who")).getText())
        .contains("Alice Martin", "self");
    Chromium.screenshot(browser, "13-oidc-dashboard");
    browser.get(server.root + "/me");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Alice Martin");
    browser.get(server.root + "/people");
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("403 Forbidden");
  }

  @Test
  void aLoginThatMatchesNobodyIsRefused() {
    singleSignOn(OidcProvider.STRANGER);
    assertThat(browser.getCurrentUrl()).contains("/login?error");
  }
}
