package io.tenure.server.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.tenure.engine.access.AccessRole;
import io.tenure.engine.guard.GuardedExecution;
import io.tenure.engine.provisioning.Provisioning;
import io.tenure.engine.provisioning.Provisioning.Scope;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in real headless Chromium against {@code tenure serve} on the shared OpenLDAP: an
 * administrator logs in, finds a person, sees their accounts on each target with the reason of each
 * entitlement, approves the plan the mass-change brake held and the terminations reach OpenLDAP; a
 * plain person logs in and is refused the admin pages. A screenshot of each main page goes to
 * {@code target/screenshots}. Under {@code CI=true} a missing browser fails the test; elsewhere it
 * is skipped.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserIT {

  private ConsoleServer server;
  private WebDriver browser;

  @BeforeAll
  void start() throws Exception {
    if (!"true".equals(System.getenv("CI"))) {
      assumeTrue(Chromium.installed(), "chromium and chromium-driver are not installed");
    }
    server = new ConsoleServer("browser", null);
    browser = Chromium.start();
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  @BeforeEach
  void loggedOut() {
    browser.manage().deleteAllCookies();
  }

  private void open(String path) {
    browser.get(server.root + path);
  }

  /** Clicks what navigates to another page, and waits until that page has replaced this one. */
  private void follow(By target) {
    WebElement page = browser.findElement(By.tagName("html"));
    browser.findElement(target).click();
    new WebDriverWait(browser, Duration.ofSeconds(30)).until(driver -> replaced(page));
  }

  /**
   * Whether {@code page} is no longer the document. Chromium answers a question about an element of
   * a document being replaced either as a stale element or, while the navigation is under way, with
   * "Node with given id does not belong to the document"; {@link ExpectedConditions#stalenessOf}
   * only takes the first.
   */
  private static boolean replaced(WebElement page) {
    try {
      page.isEnabled();
      return false;
    } catch (StaleElementReferenceException gone) {
      return true;
    } catch (WebDriverException answer) {
      return String.valueOf(answer.getMessage()).contains("does not belong to the document");
    }
  }

  private void logIn(AccessRole role) {
    open("/login");
    browser.findElement(By.id("username")).sendKeys(server.users.get(role));
    browser.findElement(By.id("password")).sendKeys(server.password(role));
    follow(By.id("log-in"));
  }

  private void logOut() {
    follow(By.cssSelector("form.who button"));
  }

  private String text() {
    return browser.findElement(By.tagName("body")).getText();
  }

  @Test
  void anAdministratorFindsAPersonAndApprovesAHeldPlanThatReachesOpenLdap() throws Exception {
    open("/");
    assertThat(browser.getCurrentUrl()).endsWith("/login");
    Chromium.screenshot(browser, "01-login");
    logIn(AccessRole.ADMIN);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
    assertThat(text()).contains("People by lifecycle state", "Plans awaiting a decision");
    Chromium.screenshot(browser, "02-dashboard");

    // keyboard: the first Tab reaches the skip link, which leads to the content
    browser.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    assertThat(browser.switchTo().activeElement().getText()).isEqualTo("Skip to the content");

    follow(By.linkText("People"));
    browser.findElement(By.id("search")).sendKeys("Nguyen");
    follow(By.id("search-button"));
    assertThat(browser.findElement(By.id("people")).getText()).contains("Bob Nguyen", "E1002");
    Chromium.screenshot(browser, "03-people");
    follow(By.linkText("Bob Nguyen"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Bob Nguyen");
    WebElement directory =
        browser.findElement(By.cssSelector("#accounts tr[data-target='directory']"));
    assertThat(directory.getText())
        .contains("bnguyen", "ENABLED", "engineering", "because entitlement engineering")
        .contains("rule engineering-birthright: department == 'Engineering'");
    assertThat(text())
        .as("human names, never bare ids")
        .contains("Manager", "Roles", "History")
        .doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    Chromium.screenshot(browser, "04-person");

    // a mass termination arrives: the brake holds it
    int enabledBefore = server.ldap.view().census().enabled();
    Provisioning provisioning = server.context.getBean(Provisioning.class);
    Path mass = MassTermination.write(server.folder.resolve("mass.csv"), 120, "2026-01-04");
    provisioning.importAndApply(
        provisioning.sources("hr", mass), Scope.EVERYBODY, "test", "mass termination");
    assertThat(server.context.getBean(GuardedExecution.class).holds(true, 10)).hasSize(1);
    assertThat(server.ldap.view().census().enabled()).isEqualTo(enabledBefore);

    open("/");
    assertThat(text())
        .contains("operations held: mass-change brake", "would be disabled or deleted");
    Chromium.screenshot(browser, "05-dashboard-with-a-held-plan");
    follow(By.linkText("Plans"));
    Chromium.screenshot(browser, "06-plans");
    follow(By.cssSelector("#plans tbody a"));
    assertThat(browser.findElement(By.id("plan-status")).getText()).startsWith("HELD");
    assertThat(browser.findElement(By.id("plan-operations")).getText())
        .contains("lifecycle TERMINATED");
    Chromium.screenshot(browser, "07-plan-review");
    browser.findElement(By.id("approve-reason")).sendKeys("HR confirmed the reorganisation");
    follow(By.id("approve"));
    assertThat(browser.findElement(By.cssSelector(".message")).getText()).startsWith("Approved");
    assertThat(browser.findElement(By.id("plan-status")).getText())
        .startsWith("RESUMED by user:admin");

    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (server.ldap.view().census().enabled() > enabledBefore - 100
        && Instant.now().isBefore(deadline)) {
      Thread.sleep(500);
    }
    assertThat(server.ldap.view().census().enabled())
        .as("the approved terminations disabled the accounts in OpenLDAP")
        .isLessThanOrEqualTo(enabledBefore - 100);

    follow(By.linkText("Operations"));
    Chromium.screenshot(browser, "08-operations");
    follow(By.linkText("Findings"));
    Chromium.screenshot(browser, "09-findings");
    follow(By.linkText("Audit"));
    browser.findElement(By.id("audit-action")).sendKeys("plan.");
    follow(By.cssSelector("form.filters button"));
    assertThat(browser.findElement(By.id("audit")).getText())
        .contains("plan.resumed", "user:admin", "plan.held");
    Chromium.screenshot(browser, "10-audit");
    logOut();
    assertThat(browser.getCurrentUrl()).contains("/login");
  }

  @Test
  void aPlainPersonSeesTheirOwnAccessAndIsRefusedTheAdminPages() throws Exception {
    logIn(AccessRole.SELF);
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Dashboard");
    List<String> menu =
        browser.findElements(By.cssSelector("nav a")).stream().map(WebElement::getText).toList();
    assertThat(menu).contains("My access", "Approvals").doesNotContain("People", "Plans", "Audit");
    follow(By.linkText("Approvals"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Approvals");
    assertThat(browser.findElement(By.id("approvals")).getText())
        .contains("No request waits for your decision");
    Chromium.screenshot(browser, "13-approvals");
    follow(By.linkText("My access"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Alice Martin");
    Chromium.screenshot(browser, "11-my-access");
    for (String page : List.of("/people", "/plans", "/operations", "/findings", "/audit")) {
      open(page);
      assertThat(browser.findElement(By.tagName("h1")).getText())
          .as(page)
          .isEqualTo("403 Forbidden");
    }
    Chromium.screenshot(browser, "12-refused");
    open("/people/" + server.person("E1002").value());
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("404 Not Found");
    logOut();
  }
}
