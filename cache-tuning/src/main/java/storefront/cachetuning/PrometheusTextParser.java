package storefront.cachetuning;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Prometheus text exposition format (and the sample lines of OpenMetrics text).
 * Comment lines ({@code # HELP}, {@code # TYPE}, {@code # EOF}, anything starting with {@code #})
 * and blank lines are skipped. Labels may come in any order and may be followed by a trailing
 * comma; label values may contain escaped backslashes, quotes and newlines. Values accept
 * exponents, {@code NaN} and {@code +Inf}/{@code -Inf}; an optional timestamp is ignored.
 * Lines that cannot be parsed are collected in {@link Result#problems()} rather than failing
 * the whole scrape.
 */
public final class PrometheusTextParser {

    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String name) {
            return labels.get(name);
        }
    }

    public record Result(List<Sample> samples, List<String> problems) {
    }

    private PrometheusTextParser() {
    }

    public static Result parse(String text) {
        List<Sample> samples = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        String[] lines = text.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parseLine(line));
            } catch (IllegalArgumentException e) {
                problems.add("line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return new Result(Collections.unmodifiableList(samples), Collections.unmodifiableList(problems));
    }

    static Sample parseLine(String line) {
        Cursor c = new Cursor(line);
        String name = c.name(true);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("expected a metric name");
        }
        c.skipSpaces();
        Map<String, String> labels = new LinkedHashMap<>();
        if (c.peek() == '{') {
            c.pos++;
            while (true) {
                c.skipSpaces();
                if (c.peek() == '}') {
                    c.pos++;
                    break;
                }
                String label = c.name(false);
                if (label.isEmpty()) {
                    throw new IllegalArgumentException("expected a label name at column " + (c.pos + 1));
                }
                c.skipSpaces();
                c.expect('=');
                c.skipSpaces();
                labels.put(label, c.quoted());
                c.skipSpaces();
                char next = c.peek();
                if (next == ',') {
                    c.pos++;
                } else if (next != '}') {
                    throw new IllegalArgumentException("expected ',' or '}' at column " + (c.pos + 1));
                }
            }
        }
        c.skipSpaces();
        String valueToken = c.token();
        if (valueToken.isEmpty()) {
            throw new IllegalArgumentException("missing value");
        }
        return new Sample(name, Collections.unmodifiableMap(labels), parseValue(valueToken));
    }

    static double parseValue(String token) {
        switch (token) {
            case "+Inf", "Inf", "+inf", "inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf", "-inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN", "nan":
                return Double.NaN;
            default:
                break;
        }
        // Double.parseDouble also accepts Java-only forms (hex, 'd'/'f' suffixes): reject those.
        if (!token.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            throw new IllegalArgumentException("not a number: '" + token + "'");
        }
        return Double.parseDouble(token);
    }

    private static final class Cursor {
        private final String s;
        private int pos;

        Cursor(String s) {
            this.s = s;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        void skipSpaces() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        void expect(char ch) {
            if (peek() != ch) {
                throw new IllegalArgumentException("expected '" + ch + "' at column " + (pos + 1));
            }
            pos++;
        }

        /** Metric names may contain ':'; label names may not. */
        String name(boolean allowColon) {
            int start = pos;
            while (pos < s.length()) {
                char ch = s.charAt(pos);
                boolean letter = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '_'
                        || (allowColon && ch == ':');
                boolean digit = ch >= '0' && ch <= '9';
                if (!(letter || (digit && pos > start))) {
                    break;
                }
                pos++;
            }
            return s.substring(start, pos);
        }

        String quoted() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (pos < s.length()) {
                char ch = s.charAt(pos++);
                if (ch == '"') {
                    return value.toString();
                }
                if (ch == '\\' && pos < s.length()) {
                    char escaped = s.charAt(pos++);
                    switch (escaped) {
                        case 'n' -> value.append('\n');
                        case '\\' -> value.append('\\');
                        case '"' -> value.append('"');
                        default -> value.append('\\').append(escaped);
                    }
                } else {
                    value.append(ch);
                }
            }
            throw new IllegalArgumentException("unterminated label value");
        }

        String token() {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != ' ' && s.charAt(pos) != '\t') {
                pos++;
            }
            return s.substring(start, pos);
        }
    }
}
