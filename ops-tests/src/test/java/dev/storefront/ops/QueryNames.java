package dev.storefront.ops;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads, and the log fields a LogQL query filters on. */
final class QueryNames {
  private static final Set<String> PROMQL_WORDS = Set.of("sum", "avg", "max", "min", "count", "by", "without",
      "rate", "irate", "increase", "histogram_quantile", "or", "and", "unless", "on", "ignoring", "group_left",
      "group_right", "vector", "time", "bool", "offset", "abs", "clamp_min", "clamp_max", "absent", "topk");
  private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
  private static final Pattern LOGQL_FIELD = Pattern.compile("(?:\\||\\bor\\b|\\band\\b)\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!=|!~|>=|<=|==|=|>|<)");

  private QueryNames() {}

  static Set<String> metrics(String promql) {
    String s = promql.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"") // string literals
        .replaceAll("\\{[^}]*}", " ") // label matchers
        .replaceAll("\\[[^]]*]", " ") // range selectors
        .replaceAll("\\b(by|without|on|ignoring)\\s*\\([^)]*\\)", " "); // grouping labels
    Set<String> names = new TreeSet<>();
    Matcher m = IDENTIFIER.matcher(s);
    while (m.find()) {
      String word = m.group();
      boolean call = s.substring(m.end()).stripLeading().startsWith("(");
      boolean number = m.start() > 0 && Character.isDigit(s.charAt(m.start() - 1));
      if (!call && !number && !PROMQL_WORDS.contains(word)) names.add(word);
    }
    return names;
  }

  /** Fields filtered on after {@code | json} (the stream selector's labels come from Promtail). */
  static Set<String> logFields(String logql) {
    int json = logql.indexOf("| json");
    Set<String> fields = new TreeSet<>();
    if (json < 0) return fields;
    Matcher m = LOGQL_FIELD.matcher(logql.substring(json + "| json".length()));
    while (m.find()) fields.add(m.group(1));
    return fields;
  }
}
