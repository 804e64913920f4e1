package io.vigil.alert.detection;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One spelling per network address, so that {@code 2001:DB8::1} and {@code 2001:db8:0:0:0:0:0:1} group as the same
 * source. IPv6 is written as RFC 5952 recommends; IPv4-mapped IPv6 becomes plain IPv4. Anything that is not an
 * address literal is kept as given (trimmed), never resolved.
 */
public final class Addresses {

    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9a-f:.]+");

    private Addresses() {}

    /** The canonical form, or null when there is no address. */
    public static String normalize(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        String value = address.trim();
        if (value.startsWith("[") && value.endsWith("]")) {
            value = value.substring(1, value.length() - 1);
        }
        String ipv4 = ipv4(value);
        if (ipv4 != null) {
            return ipv4;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.contains(":") && IPV6_CHARS.matcher(lower).matches()) {
            int[] groups = ipv6Groups(lower);
            return groups == null ? value : formatIpv6(groups);
        }
        return value;
    }

    /**
     * For four dot-separated groups of one to three digits: the address without leading zeros (the text itself when it
     * has none, since addresses are normalized on every event they group), or the text as given when a group is past
     * 255. Null for anything else.
     */
    private static String ipv4(String value) {
        int groups = 0;
        int digits = 0;
        int octet = 0;
        boolean canonical = true;
        boolean inRange = true;
        for (int i = 0; i <= value.length(); i++) {
            char c = i < value.length() ? value.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits == 3) {
                    return null;
                }
                canonical &= digits == 0 || octet != 0;
                octet = octet * 10 + (c - '0');
                digits++;
            } else if (c == '.' && digits > 0 && groups < 4) {
                inRange &= octet <= 255;
                groups++;
                digits = 0;
                octet = 0;
            } else {
                return null;
            }
        }
        if (groups != 4) {
            return null;
        }
        if (canonical || !inRange) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (String part : value.split("\\.")) {
            out.append(out.length() == 0 ? "" : ".").append(Integer.parseInt(part));
        }
        return out.toString();
    }

    /** The eight 16-bit groups, or null when the text is not an IPv6 literal. */
    private static int[] ipv6Groups(String value) {
        String text = value;
        int lastColon = text.lastIndexOf(':');
        if (text.indexOf('.') > lastColon) {
            String embedded = text.substring(lastColon + 1);
            if (!embedded.equals(ipv4(embedded))) {
                return null;
            }
            String[] octets = embedded.split("\\.");
            int high = Integer.parseInt(octets[0]) << 8 | Integer.parseInt(octets[1]);
            int low = Integer.parseInt(octets[2]) << 8 | Integer.parseInt(octets[3]);
            text = text.substring(0, lastColon + 1) + Integer.toHexString(high) + ":" + Integer.toHexString(low);
        }
        return expand(text, 8);
    }

    private static int[] expand(String text, int count) {
        int gap = text.indexOf("::");
        if (gap != text.lastIndexOf("::")) {
            return null;
        }
        String[] left = gap < 0 ? text.split(":", -1) : splitSide(text.substring(0, gap));
        String[] right = gap < 0 ? new String[0] : splitSide(text.substring(gap + 2));
        if (left == null || right == null) {
            return null;
        }
        int missing = count - left.length - right.length;
        if (gap < 0 ? missing != 0 : missing < 1) {
            return null;
        }
        int[] groups = new int[count];
        for (int i = 0; i < left.length; i++) {
            groups[i] = group(left[i]);
        }
        for (int i = 0; i < right.length; i++) {
            groups[count - right.length + i] = group(right[i]);
        }
        for (int value : groups) {
            if (value < 0) {
                return null;
            }
        }
        return groups;
    }

    private static String[] splitSide(String side) {
        return side.isEmpty() ? new String[0] : side.split(":", -1);
    }

    private static int group(String hex) {
        if (hex.isEmpty() || hex.length() > 4) {
            return -1;
        }
        return Integer.parseInt(hex, 16);
    }

    private static String formatIpv6(int[] groups) {
        boolean mapped = groups[0] == 0
                && groups[1] == 0
                && groups[2] == 0
                && groups[3] == 0
                && groups[4] == 0
                && groups[5] == 0xffff;
        if (mapped) {
            return (groups[6] >> 8) + "." + (groups[6] & 0xff) + "." + (groups[7] >> 8) + "." + (groups[7] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
