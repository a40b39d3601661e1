package dev.synth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of messages: every message synth builds from a URL (a {@code db_uri}, an {@code api_url}, a
 * JDBC URL) goes through {@link #maskUrls(String)} first, and a component that knows a password also removes it
 * with {@link #mask(String, String)}.
 *
 * <p>Rules: the user info of a URL ({@code scheme://user:password@host}) ends at the <em>last</em> {@code @} of
 * the URL, so a password may contain {@code /}, {@code :}, {@code ?} and {@code @}; it is replaced by
 * {@code ****}, user name included. A query string ({@code ?...}) is replaced by {@code ?****}, and so is any
 * {@code password=...} parameter of a JDBC URL written with {@code ;}.
 */
public final class Secrets {
    /** What a masked part is replaced by. */
    public static final String MASK = "****";
    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.\\-]*://");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password|pwd|passwd)=[^&;)\\s]*");

    private Secrets() {
    }

    /** {@code text} with the user info and the query string of every URL in it masked. */
    public static String maskUrls(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        Matcher m = SCHEME.matcher(text);
        int from = 0;
        while (m.find(from)) {
            int start = m.end();
            int end = start;
            while (end < text.length() && !endsUrl(text.charAt(end))) {
                end++;
            }
            out.append(text, from, start);
            out.append(maskAuthority(text.substring(start, end)));
            from = end;
        }
        out.append(text.substring(from));
        return PASSWORD_PARAMETER.matcher(out).replaceAll("$1=" + MASK);
    }

    /**
     * {@code url} - one value, such as a configured {@code db_uri} or {@code api_url}, taken whole even if it
     * holds spaces - with its user info and query string masked; for values that are not URLs at all, anything up
     * to a last {@code @} and from a {@code ?} is masked all the same.
     */
    public static String maskUrl(String url) {
        if (url == null) {
            return null;
        }
        int scheme = url.indexOf("://");
        String masked = scheme >= 0 ? url.substring(0, scheme + 3) + maskAuthority(url.substring(scheme + 3))
                : maskAuthority(url);
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1=" + MASK);
    }

    private static boolean endsUrl(char c) {
        return Character.isWhitespace(c) || c == '\'' || c == '"' || c == '<' || c == '>' || c == '`';
    }

    /** {@code rest} is what follows {@code scheme://}. */
    private static String maskAuthority(String rest) {
        int at = rest.lastIndexOf('@');
        String hostAndPath = at >= 0 ? rest.substring(at + 1) : rest;
        int query = hostAndPath.indexOf('?');
        String kept = query >= 0 ? hostAndPath.substring(0, query) + "?" + MASK : hostAndPath;
        return at >= 0 ? MASK + "@" + kept : kept;
    }

    /**
     * {@code text} with {@code secret} - as written, percent-encoded or percent-decoded - replaced by
     * {@code ****}, and its URLs masked as {@link #maskUrls(String)} does. A null or empty secret masks only URLs.
     */
    public static String mask(String text, String secret) {
        if (text == null) {
            return null;
        }
        String out = text;
        if (secret != null && !secret.isEmpty()) {
            out = out.replace(secret, MASK);
            String encoded = percentEncode(secret);
            if (!encoded.equals(secret)) {
                out = out.replace(encoded, MASK);
                out = out.replace(encoded.toLowerCase(Locale.ROOT), MASK);
            }
            String decoded = percentDecode(secret);
            if (!decoded.isEmpty() && !decoded.equals(secret)) {
                out = out.replace(decoded, MASK);
            }
        }
        return maskUrls(out);
    }

    /**
     * Decodes {@code %XX} escapes (UTF-8) and leaves everything else as it is - a {@code %} not followed by two
     * hex digits, or a {@code +}, stays itself. Never fails, so it never has to quote its input in an error.
     */
    public static String percentDecode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
                bytes.write(hex(raw[i + 1]) * 16 + hex(raw[i + 2]));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        return Character.digit((char) b, 16);
    }

    private static String percentEncode(String s) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
            }
        }
        return out.toString();
    }
}
