package org.openmoorcheh.server.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openmoorcheh.server.testing.Api;
import org.openmoorcheh.server.testing.TestServer;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The web console in a real headless Chromium against a real server (issue 14): the journey a new
 * user takes, from an empty server to a deleted namespace, failing on any error the page logs.
 * Screenshots of every page land in target/console-screenshots/.
 */
class ConsoleIT {

    private static final String DOCUMENTS = "[{\"id\": \"cat\", \"text\": \"Cats are small furry pets that purr.\","
            + " \"team\": \"ai\"}, {\"id\": \"market\", \"text\": \"The stock market fell sharply today.\","
            + " \"team\": \"ops\"}, {\"id\": \"ocean\", \"text\": \"Whales sing songs across the ocean.\", \"team\": \"sea\"}]";

    @TempDir
    Path dir;
    private TestServer server;
    private Browser browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aNewUserCreatesUploadsSearchesAsksAndDeletes() throws Exception {
        server = TestServer.start(dir);
        browser = Browser.start(1280, 800);
        var driver = browser.driver;
        var wait = browser.wait;
        String base = "http://127.0.0.1:" + server.api().port();

        driver.get(base + "/");
        wait.until(ExpectedConditions.urlContains("/console/"));
        wait.until(ExpectedConditions.textToBe(By.id("ready-text"), "ready"));
        assertThat(driver.findElement(By.id("quota-text")).getText()).isEqualTo("0 of 100,000");
        browser.screenshot("1-overview-empty");

        // Create a namespace.
        driver.findElement(By.cssSelector("nav a[data-section=namespaces]")).click();
        driver.findElement(By.id("create-name")).sendKeys("journey");
        driver.findElement(By.id("create-button")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-namespace=journey]")));
        browser.screenshot("2-namespaces");

        // Upload documents and watch the bar reach 100%.
        driver.findElement(By.cssSelector("nav a[data-section=upload]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#upload-namespace option[value=journey]")));
        new Select(driver.findElement(By.id("upload-namespace"))).selectByValue("journey");
        driver.findElement(By.id("documents-input")).sendKeys(DOCUMENTS);
        driver.findElement(By.id("documents-button")).click();
        WebElement job = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#upload-jobs .job")));
        wait.until(d -> job.findElement(By.cssSelector(".status")).getText().equals("completed"));
        assertThat(job.findElement(By.cssSelector("[role=progressbar]")).getAttribute("aria-valuenow")).isEqualTo("100");
        assertThat(job.getText()).contains("3 of 3");

        // Upload a file the same way.
        Path notes = Files.writeString(dir.resolve("kangaroos.txt"), "Kangaroos carry their young in a pouch.");
        driver.findElement(By.id("file-input")).sendKeys(notes.toString());
        driver.findElement(By.id("file-button")).click();
        wait.until(d -> d.findElements(By.cssSelector("#upload-jobs .job")).size() == 2);
        WebElement fileJob = driver.findElements(By.cssSelector("#upload-jobs .job")).get(0);
        wait.until(d -> fileJob.findElement(By.cssSelector(".status")).getText().equals("completed"));
        assertThat(fileJob.findElement(By.cssSelector("[role=progressbar]")).getAttribute("aria-valuenow")).isEqualTo("100");
        browser.screenshot("3-upload");

        // Search: the expected hit first, with its label.
        driver.findElement(By.cssSelector("nav a[data-section=search]")).click();
        WebElement journey = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#search-namespaces input[value=journey]")));
        if (!journey.isSelected()) {
            journey.click();
        }
        driver.findElement(By.id("search-query")).sendKeys("kittens");
        driver.findElement(By.id("filter-key")).sendKeys("team");
        driver.findElement(By.id("filter-value")).sendKeys("ai");
        driver.findElement(By.id("filter-add")).click();
        assertThat(driver.findElement(By.id("search-query")).getAttribute("value")).isEqualTo("kittens #team:ai");
        driver.findElement(By.id("search-query")).clear();
        driver.findElement(By.id("search-query")).sendKeys("kittens");
        driver.findElement(By.id("search-button")).click();
        WebElement first = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#search-results li")));
        assertThat(first.findElement(By.cssSelector(".result-id")).getText()).isEqualTo("cat");
        assertThat(first.findElement(By.cssSelector(".label")).getText()).isNotBlank();
        assertThat(first.findElement(By.cssSelector(".result-text")).getText()).contains("purr");
        new Select(driver.findElement(By.id("copy-as"))).selectByValue("curl");
        assertThat(driver.findElement(By.id("copy-code")).getText()).contains("/search").contains("kittens");
        browser.screenshot("4-search");

        // Ask a question and open the source it cites.
        driver.findElement(By.cssSelector("nav a[data-section=answer]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#answer-namespace option[value=journey]")));
        new Select(driver.findElement(By.id("answer-namespace"))).selectByValue("journey");
        driver.findElement(By.id("answer-question")).sendKeys("Which pets purr?");
        driver.findElement(By.id("answer-button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("answer-result")));
        assertThat(driver.findElement(By.id("answer-text")).getText()).contains("purr");
        browser.screenshot("5-answer");
        driver.findElement(By.cssSelector("#answer-sources .source[data-source=cat]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("chunk-text"), "purr"));
        browser.screenshot("6-answer-source");
        driver.findElement(By.id("chunk-close")).click();

        // Browse items.
        driver.findElement(By.cssSelector("nav a[data-section=items]")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#items-namespace option[value=journey]")));
        new Select(driver.findElement(By.id("items-namespace"))).selectByValue("journey");
        wait.until(d -> d.findElements(By.cssSelector("#items-table tbody tr")).size() >= 4);
        browser.screenshot("7-items");

        // Overview with jobs, at phone width too.
        driver.findElement(By.cssSelector("nav a[data-section=overview]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#jobs-table tbody tr")).size() >= 2);
        browser.screenshot("8-overview");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        driver.findElement(By.cssSelector("nav a[data-section=search]")).click();
        browser.screenshot("9-search-phone");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));

        // Delete the namespace and follow its job.
        driver.findElement(By.cssSelector("nav a[data-section=namespaces]")).click();
        WebElement delete = wait.until(ExpectedConditions.elementToBeClickable(
                By.cssSelector("tr[data-namespace=journey] button")));
        delete.click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("tr[data-namespace=journey]")));
        assertThat(server.api().get("/namespaces").get("namespaces")).isEmpty();

        assertThat(browser.severeLogs()).isEmpty();
    }

    @Test
    void apiErrorsShowTheApisOwnMessage() {
        server = TestServer.start(dir);
        browser = Browser.start(1280, 800);
        browser.driver.get("http://127.0.0.1:" + server.api().port() + "/console/#namespaces");
        browser.driver.findElement(By.id("create-name")).sendKeys("twice");
        browser.driver.findElement(By.id("create-button")).click();
        browser.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("tr[data-namespace=twice]")));
        browser.driver.findElement(By.id("create-name")).sendKeys("twice");
        browser.driver.findElement(By.id("create-button")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "already exists"));
        browser.screenshot("10-error");
        // The 409 itself is logged by the browser as a failed load; nothing else may be.
        assertThat(browser.severeLogs()).allMatch(entry -> entry.getMessage().contains("409"));
    }

    @Test
    void withKeysOnTheConsoleAsksForOneAndExplainsRoles() {
        String admin = "console-admin-key-0123456789";
        server = TestServer.start(dir, Map.of("MOORCHEH_ADMIN_KEY", admin));
        Api.Response created = server.api().post("/admin/keys", "{\"name\":\"viewer\",\"role\":\"read\"}",
                Map.of("x-api-key", admin));
        String readKey = created.get("key").asText();
        browser = Browser.start(1280, 800);
        var driver = browser.driver;
        driver.get("http://127.0.0.1:" + server.api().port() + "/console/");

        WebElement dialog = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("key-dialog")));
        assertThat(driver.findElement(By.id("key-reason")).getText()).contains("API key");
        browser.screenshot("11-key-dialog");
        driver.findElement(By.id("key-input")).sendKeys(readKey);
        driver.findElement(By.id("key-save")).click();
        browser.wait.until(ExpectedConditions.invisibilityOf(dialog));
        browser.wait.until(ExpectedConditions.textToBe(By.id("ready-text"), "ready"));
        assertThat(driver.executeScript("return sessionStorage.getItem('moorcheh.apiKey')")).isEqualTo(readKey);
        assertThat(driver.executeScript("return localStorage.length")).isEqualTo(0L);

        driver.findElement(By.cssSelector("nav a[data-section=namespaces]")).click();
        driver.findElement(By.id("create-name")).sendKeys("forbidden");
        driver.findElement(By.id("create-button")).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("notice"), "role"));
        assertThat(driver.findElement(By.id("notice")).getText()).contains("admin");
        assertThat(browser.severeLogs()).allMatch(entry -> entry.getMessage().contains("401")
                || entry.getMessage().contains("403"));
    }

    /**
     * {@code /docs} (issue 30): linked from the console, Swagger UI renders every documented
     * operation from this server's files alone (no script refused by the page's policy, nothing
     * fetched elsewhere), and with keys on its Authorize dialog takes a key that a tried call then uses.
     */
    @Test
    void theApiDocsAreLinkedRenderEveryOperationAndTakeAnApiKey() {
        String admin = "docs-admin-key-0123456789abc";
        server = TestServer.start(dir, Map.of("MOORCHEH_ADMIN_KEY", admin));
        browser = Browser.start(1280, 900);
        var driver = browser.driver;
        String base = "http://127.0.0.1:" + server.api().port();
        driver.get(base + "/console/");
        assertThat(driver.findElement(By.id("docs-link")).getAttribute("href")).isEqualTo(base + "/docs");
        browser.severeLogs(); // the console's own calls without a key (401) are not the docs page's

        driver.get(base + "/docs");
        int operations = org.openmoorcheh.server.testing.ApiContract.get().documentedRoutes().size();
        browser.wait.until(d -> d.findElements(By.cssSelector(".opblock")).size() == operations);
        browser.screenshot("12-api-docs");

        driver.findElement(By.cssSelector("button.authorize")).click();
        WebElement key = browser.wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".auth-container input[type=text]")));
        key.sendKeys(admin);
        driver.findElement(By.cssSelector(".auth-container button.authorize")).click();
        driver.findElement(By.cssSelector("button.btn-done")).click();

        WebElement list = driver.findElement(By.id("operations-namespaces-listNamespaces"));
        list.findElement(By.cssSelector(".opblock-summary")).click();
        browser.wait.until(ExpectedConditions.elementToBeClickable(list.findElement(By.cssSelector(".try-out__btn")))).click();
        browser.wait.until(ExpectedConditions.elementToBeClickable(list.findElement(By.cssSelector("button.execute")))).click();
        browser.wait.until(ExpectedConditions.textToBePresentInElement(
                list.findElement(By.cssSelector(".responses-wrapper")), "Server response"));
        String answer = list.findElement(By.cssSelector(".live-responses-table tr.response .response-col_status")).getText();
        browser.screenshot("13-api-docs-tried");
        assertThat(answer).as("the call made with the key").startsWith("200");
        assertThat(browser.severeLogs()).as("no script refused, no failed load").isEmpty();
    }
}
