package io.nexidentity.examples.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

import io.nexidentity.quickstart.HostedPages;
import io.nexidentity.quickstart.PlatformApi;
import io.nexidentity.runtime.contract.PlatformTestStack;

/**
 * A person in a real browser (headless Chromium): signs in through the backend's login redirect, calls the API through
 * it and logs out; cancels; connects a device by typing its code; mistypes a password until throttled; signs in with the
 * keyboard alone, in German and on a phone-sized screen. Every hosted page visited runs no script at all (its CSP
 * forbids them, and it has none), so each journey is also one without JavaScript; and each passes axe-core's WCAG 2.1
 * A/AA rules. Screenshots of each page go to the run folder.
 */
@QuarkusTest
@QuarkusTestResource(
        value = TenantBackendPlatform.class,
        initArgs = {
            @ResourceArg(name = "services", value = "tenant-service,application-service,client-service,token-service"),
            @ResourceArg(name = "issuer", value = "token-service")
        })
class BrowserJourneyTest {

    private static final Dimension DESKTOP = new Dimension(1280, 900);
    private static final Dimension PHONE = new Dimension(375, 740);

    private final List<Browser> browsers = new ArrayList<>();

    @RegisterExtension
    final TestWatcher keepScreenshots = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            browsers.forEach(Browser::keepForReport);
        }
    };

    @AfterEach
    void closeBrowsers() {
        browsers.forEach(Browser::close);
    }

    @Test
    void signInThroughTheBackendCallTheApiAndLogOut(TestInfo test) {
        var browser = browser(test, "en", DESKTOP);

        browser.go(backend("/web")).awaitUrl(TenantBackendPlatform.tenant.issuer() + "/authorize");
        browser.screenshot("sign-in");
        assertThat(browser.heading()).startsWith("Sign in to orders-");
        assertThat(browser.find(".tenant").getText()).isNotBlank();
        assertThat(browser.accessibilityViolations()).isEmpty();
        signIn(browser, TenantBackendPlatform.tenant.adminEmail(), PlatformApi.ADMIN_PASSWORD);

        browser.await("#who");
        browser.screenshot("signed-in");
        assertThat(browser.find("#who").getText()).isEqualTo(TenantBackendPlatform.tenant.adminEmail());
        assertThat(browser.find("#api").getText())
                .contains("\"tenant_id\":\"" + TenantBackendPlatform.tenant.tenantId() + "\"")
                .contains("\"organization_id\":\"" + TenantBackendPlatform.tenant.organizationId() + "\"");

        browser.find("#logout").click();
        browser.await("h1");
        browser.awaitUrl(backend("/web/signed-out")).screenshot("signed-out");
        assertThat(browser.heading()).isEqualTo("You are signed out");
        browser.go(backend("/web")).awaitUrl(TenantBackendPlatform.tenant.issuer() + "/authorize");
        assertThat(browser.heading()).startsWith("Sign in to");
    }

    @Test
    void cancelReturnsToTheBackendNotSignedIn(TestInfo test) {
        var browser = browser(test, "en", DESKTOP);
        browser.go(backend("/web")).awaitUrl(TenantBackendPlatform.tenant.issuer() + "/authorize");

        browser.find("button[name=cancel]").click();

        browser.awaitUrl(backend("/web/not-signed-in")).screenshot("cancelled");
        assertThat(browser.heading()).isEqualTo("You did not sign in");
    }

    @Test
    void connectADeviceByTypingItsCode(TestInfo test) throws Exception {
        var pages = new HostedPages(TenantBackendPlatform.tenant.issuer());
        var device = pages.deviceAuthorization(TenantBackendPlatform.web, "openid tenant_context");
        var browser = browser(test, "en", DESKTOP);

        browser.go(device.get("verification_uri").asText()).screenshot("device-code");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.find("#user_code").sendKeys(device.get("user_code").asText());
        browser.find("button[type=submit]").click();

        browser.screenshot("device-decision");
        assertThat(browser.find("code").getText())
                .isEqualTo(device.get("user_code").asText());
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.find("#username").sendKeys(TenantBackendPlatform.tenant.adminEmail());
        browser.find("#password").sendKeys(PlatformApi.ADMIN_PASSWORD);
        browser.find("button[value=approve]").click();

        browser.screenshot("device-connected");
        assertThat(browser.heading()).isEqualTo("Device connected");
        var tokens = pages.deviceTokens(
                TenantBackendPlatform.web, device.get("device_code").asText());
        assertThat(tokens.path("access_token").asText()).isNotEmpty();
    }

    @Test
    void wrongPasswordIsSaidPlainlyUntilTheAccountIsThrottled(TestInfo test) throws Exception {
        var email = "mistyper-" + UUID.randomUUID() + "@backend.example";
        PlatformApi.post(
                PlatformTestStack.url("tenant-service") + "/v1/users",
                TenantBackendPlatform.tenant.adminToken(),
                """
                {"email":"%s","name":"Mo Mistyper","password":"%s"}""".formatted(email, PlatformApi.ADMIN_PASSWORD));
        var browser = browser(test, "en", DESKTOP);
        browser.go(backend("/web")).awaitUrl(TenantBackendPlatform.tenant.issuer() + "/authorize");

        signIn(browser, email, "not my password");
        browser.screenshot("wrong-password");
        assertThat(browser.find("[role=alert]").getText()).isEqualTo("The email or password is incorrect.");
        assertThat(browser.find("#username").getAttribute("value")).isEqualTo(email);
        assertThat(browser.accessibilityViolations()).isEmpty();
        for (var attempt = 2; attempt <= 5; attempt++) {
            signIn(browser, email, "still not my password");
            browser.await("[role=alert]");
        }
        signIn(browser, email, PlatformApi.ADMIN_PASSWORD);
        browser.await("[role=alert]");

        browser.screenshot("throttled");
        assertThat(browser.find("[role=alert]").getText())
                .isEqualTo("Too many failed attempts. Wait a few minutes, then try again.");
    }

    @Test
    void keyboardAloneInTheExpectedOrder(TestInfo test) {
        var browser = browser(test, "en", DESKTOP);
        browser.go(backend("/web")).awaitUrl(TenantBackendPlatform.tenant.issuer() + "/authorize");

        var order = new ArrayList<String>();
        order.add(focused(browser));
        browser.driver.switchTo().activeElement().sendKeys(TenantBackendPlatform.tenant.adminEmail() + Keys.TAB);
        order.add(focused(browser));
        browser.driver.switchTo().activeElement().sendKeys(PlatformApi.ADMIN_PASSWORD + Keys.TAB);
        order.add(focused(browser));
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        order.add(focused(browser));
        browser.driver.switchTo().activeElement().sendKeys(Keys.TAB);
        order.add(focused(browser));
        assertThat(order)
                .containsExactly("input#username", "input#password", "button.primary", "button.secondary", "a");
        browser.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        browser.driver.switchTo().activeElement().sendKeys(Keys.chord(Keys.SHIFT, Keys.TAB));
        browser.screenshot("keyboard-focus");
        browser.driver.switchTo().activeElement().sendKeys(Keys.ENTER);

        assertThat(browser.await("#who").getText()).isEqualTo(TenantBackendPlatform.tenant.adminEmail());
    }

    @Test
    void inGermanOnAPhone(TestInfo test) {
        var browser = browser(test, "de-DE", PHONE);
        browser.go(backend("/web")).awaitUrl(TenantBackendPlatform.tenant.issuer() + "/authorize");
        browser.screenshot("sign-in-de-phone");
        assertThat(browser.heading()).startsWith("Bei orders-").endsWith(" anmelden");
        assertThat(browser.find("label[for=password]").getText()).isEqualTo("Passwort");
        var submit = browser.find("button.primary").getRect();
        assertThat(submit.getX() + submit.getWidth()).isLessThanOrEqualTo(PHONE.getWidth());

        signIn(browser, TenantBackendPlatform.tenant.adminEmail(), PlatformApi.ADMIN_PASSWORD);

        assertThat(browser.await("#who").getText()).isEqualTo(TenantBackendPlatform.tenant.adminEmail());
        browser.screenshot("signed-in-on-a-phone");
    }

    @Test
    void errorAndRecoveryPagesAreAccessibleToo(TestInfo test) {
        var browser = browser(test, "en", PHONE);
        browser.go(TenantBackendPlatform.tenant.issuer() + "/authorize?client_id=nobody&redirect_uri=x");
        browser.screenshot("error");
        assertThat(browser.heading()).isEqualTo("Something is not right");
        assertThat(browser.accessibilityViolations()).isEmpty();

        browser.go(backend("/web")).awaitUrl(TenantBackendPlatform.tenant.issuer() + "/authorize");
        browser.find(".links a").click();
        browser.screenshot("forgot-password");
        assertThat(browser.heading()).isEqualTo("Reset your password");
        assertThat(browser.accessibilityViolations()).isEmpty();
        browser.find("#email").sendKeys("nobody-" + UUID.randomUUID() + "@backend.example" + Keys.ENTER);
        browser.screenshot("recovery-sent");
        assertThat(browser.find("[role=status]").getText()).contains("belongs to an account");
        assertThat(browser.accessibilityViolations()).isEmpty();
    }

    private Browser browser(TestInfo test, String language, Dimension window) {
        var name = test.getTestMethod().map(method -> method.getName()).orElse("browser");
        var browser = Browser.open(name, language, window);
        browsers.add(browser);
        return browser;
    }

    private static void signIn(Browser browser, String email, String password) {
        var username = browser.find("#username");
        username.clear();
        username.sendKeys(email);
        browser.find("#password").sendKeys(password);
        browser.find("button.primary").click();
    }

    /** The focused element as tag#id (or tag.class). */
    private static String focused(Browser browser) {
        WebElement element = browser.driver.switchTo().activeElement();
        var id = Optional.ofNullable(element.getAttribute("id")).filter(value -> !value.isEmpty());
        return element.getTagName()
                + id.map(value -> "#" + value)
                        .orElseGet(() -> Optional.ofNullable(element.getAttribute("class"))
                                .filter(value -> !value.isEmpty())
                                .map(value -> "." + value)
                                .orElse(""));
    }

    private static String backend(String path) {
        return PlatformTestStack.serviceUnderTestUrl() + path;
    }
}
