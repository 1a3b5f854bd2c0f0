package io.nexidentity.token.oauth;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the parameters of a raw query string or form body ({@code application/x-www-form-urlencoded}) whose
 * percent-encoding is broken or whose bytes are not UTF-8. The usual decoders silently turn such bytes into U+FFFD,
 * and what a client sent would then travel on as something it never sent. NUL is refused as well: no OAuth parameter
 * carries one.
 */
public final class Utf8Parameters {

    /** Stands for a parameter whose very name cannot be decoded. */
    public static final String UNNAMED = "";

    private Utf8Parameters() {}

    /** The names of the malformed parameters; empty when every parameter decodes cleanly. */
    public static Set<String> malformed(String raw) {
        var malformed = new LinkedHashSet<String>();
        if (raw == null || raw.isEmpty()) {
            return malformed;
        }
        for (var pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            var name = decode(equals < 0 ? pair : pair.substring(0, equals));
            var value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (name == null) {
                malformed.add(UNNAMED);
            } else if (value == null) {
                malformed.add(name);
            }
        }
        return malformed;
    }

    /** The decoded text, or null when the percent-encoding or the UTF-8 is broken or it holds a NUL. */
    private static String decode(String encoded) {
        var bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return null;
                }
                int high = Character.digit(encoded.charAt(i + 1), 16), low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else if (c == '+') {
                bytes.write(' ');
            } else if (c > 0x7f) {
                return null;
            } else {
                bytes.write(c);
            }
        }
        try {
            var text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
            return text.indexOf('\0') >= 0 ? null : text;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
