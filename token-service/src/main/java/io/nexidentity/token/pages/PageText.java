package io.nexidentity.token.pages;

import java.text.MessageFormat;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

import io.vertx.ext.web.RoutingContext;

/**
 * The words of the hosted pages in the person's language: the first supported language of {@code ui_locales} (OpenID
 * Connect Core 3.1.2.1), else of {@code Accept-Language}, else English. All strings live in the {@code hosted-pages}
 * resource bundles.
 */
public final class PageText {

    static final List<String> LANGUAGES = List.of("en", "de");
    private static final int MAX_ACCEPT_LANGUAGE = 512;
    private static final ResourceBundle.Control NO_FALLBACK =
            ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES);

    private static final PageText ENGLISH = new PageText("en");
    private static final PageText GERMAN = new PageText("de");

    private final Locale locale;
    private final ResourceBundle bundle;

    private PageText(String language) {
        this.locale = Locale.forLanguageTag(language);
        this.bundle = ResourceBundle.getBundle("hosted-pages", locale, NO_FALLBACK);
    }

    /** The language for this request: {@code uiLocales} (space-separated tags) first, then the browser's. */
    public static PageText of(RoutingContext context, String uiLocales) {
        if (uiLocales != null) {
            for (var tag : uiLocales.trim().split(" +")) {
                var language = supported(tag);
                if (language != null) {
                    return forLanguage(language);
                }
            }
        }
        var accept = context.request().getHeader("Accept-Language");
        if (accept != null && accept.length() <= MAX_ACCEPT_LANGUAGE) {
            try {
                var chosen = Locale.lookupTag(Locale.LanguageRange.parse(accept), LANGUAGES);
                if (chosen != null) {
                    return forLanguage(chosen);
                }
            } catch (IllegalArgumentException e) {
                // a malformed header chooses nothing
            }
        }
        return ENGLISH;
    }

    private static String supported(String tag) {
        try {
            var language = new Locale.Builder().setLanguageTag(tag).build().getLanguage();
            return LANGUAGES.contains(language) ? language : null;
        } catch (IllformedLocaleException e) {
            return null;
        }
    }

    private static PageText forLanguage(String language) {
        return language.startsWith("de") ? GERMAN : ENGLISH;
    }

    /** The BCP 47 tag of the language, for {@code <html lang>} and for forms to carry to the next page. */
    public String language() {
        return locale.toLanguageTag();
    }

    /** The message {@code key}, with {@code arguments} formatted in; the caller escapes the result for HTML. */
    public String get(String key, Object... arguments) {
        return new MessageFormat(bundle.getString(key), locale).format(arguments);
    }
}
