package io.vigil.alert.detection;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PowerShell's {@code -EncodedCommand}: a Base64 script in UTF-16LE. PowerShell takes any unambiguous prefix of a
 * parameter name ({@code -e}, {@code -en}, {@code -enc}, ... {@code -EncodedCommand}), the alias {@code -ec}, any case,
 * and a dash, an en or em dash, a horizontal bar or a slash before it, optionally followed by a second dash
 * ({@code --enc}); the argument may be quoted ({@code "-enc"}), since the quotes are gone by the time PowerShell reads
 * it. Attackers use all of them.
 */
public final class EncodedCommands {

    private static final String PARAMETER = "encodedcommand";

    /** Finds the parameter as a word of its own, quoted or not, and captures the argument after it. */
    public static final String FLAG = "(?i)(?:^|\\s)\"?[-/\\u2013\\u2014\\u2015][-\\u2013\\u2014\\u2015]?(?:ec|"
            + prefixes() + ")\"?(?=\\s|$)(?:\\s+\"?([A-Za-z0-9+/=]+)(?=[\"\\s]|$))?";

    private static final Pattern FLAG_PATTERN = Pattern.compile(FLAG);
    private static final int SHOWN = 300;

    private EncodedCommands() {}

    /** The decoded script, shortened, when the argument is valid Base64 of UTF-16LE text. */
    public static Optional<String> decoded(String commandLine) {
        if (commandLine == null) {
            return Optional.empty();
        }
        Matcher matcher = FLAG_PATTERN.matcher(commandLine);
        if (!matcher.find() || matcher.group(1) == null) {
            return Optional.empty();
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(matcher.group(1));
            if (bytes.length % 2 != 0) {
                return Optional.empty();
            }
            String text = new String(bytes, StandardCharsets.UTF_16LE);
            if (!text.chars().allMatch(EncodedCommands::readable)) {
                return Optional.empty();
            }
            return Optional.of(text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Scripts are text in Latin letters; anything else means the argument was not an encoded command. */
    private static boolean readable(int c) {
        return c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0x24f);
    }

    private static String prefixes() {
        List<String> all = new ArrayList<>();
        for (int length = PARAMETER.length(); length >= 1; length--) {
            all.add(PARAMETER.substring(0, length));
        }
        return String.join("|", all);
    }
}
