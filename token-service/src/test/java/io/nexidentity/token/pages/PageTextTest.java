package io.nexidentity.token.pages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.ResourceBundle;

import org.junit.jupiter.api.Test;

class PageTextTest {

    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    @Test
    void bundlesWhenComparedThenEveryLanguageHasEveryMessage() {
        var english = ResourceBundle.getBundle("hosted-pages", Locale.ROOT, NO_FALLBACK);
        for (var language : PageText.LANGUAGES) {
            var bundle = ResourceBundle.getBundle("hosted-pages", Locale.forLanguageTag(language), NO_FALLBACK);
            assertThat(bundle.keySet()).as(language).containsExactlyInAnyOrderElementsOf(english.keySet());
            if (!language.equals("en")) {
                assertThat(bundle.getLocale().getLanguage()).isEqualTo(language);
                assertThat(bundle.getString("signIn.submit")).isNotEqualTo(english.getString("signIn.submit"));
            }
        }
    }
}
