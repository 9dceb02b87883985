package io.tenure.server.console;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its chromedriver ({@code apt-get install chromium
 * chromium-driver}; {@code ./run-tests} installs them), with the flags that let it run as root on a
 * machine without a display or outside network. Screenshots go to {@code target/screenshots}.
 */
final class Chromium {

  static final String BROWSER = System.getProperty("tenure.it.chromium", "/usr/bin/chromium");
  static final String DRIVER =
      System.getProperty("tenure.it.chromedriver", "/usr/bin/chromedriver");

  private Chromium() {}

  /** Whether the browser and its driver are installed. */
  static boolean installed() {
    return Files.isExecutable(Path.of(BROWSER)) && Files.isExecutable(Path.of(DRIVER));
  }

  /** A new headless browser; quit it when done. */
  static WebDriver start() {
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BROWSER);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--disable-sync",
        "--disable-quic",
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return driver;
  }

  /** Saves what the browser shows as {@code target/screenshots/<name>.png}. */
  static Path screenshot(WebDriver driver, String name) throws IOException {
    Path folder = Files.createDirectories(Path.of("target", "screenshots"));
    Path file = folder.resolve(name + ".png");
    File taken = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
    Files.copy(taken.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }
}
