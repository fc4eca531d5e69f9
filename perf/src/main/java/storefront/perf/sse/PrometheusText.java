package storefront.perf.sse;

/** Reads series out of a Prometheus text exposition (the management port's /metrics). */
final class PrometheusText {
  private PrometheusText() {}

  /**
   * The sum of every series of {@code name} whose labels contain {@code label} (e.g.
   * {@code area="heap"}; empty for all), or NaN when there is none.
   */
  static double sum(String text, String name, String label) {
    double sum = 0;
    boolean found = false;
    for (String line : text.split("\n")) {
      if (!line.startsWith(name) || line.length() == name.length()) {
        continue;
      }
      char next = line.charAt(name.length());
      if (next != '{' && next != ' ') {
        continue; // another metric whose name starts with this one (name_count, name_max)
      }
      int labelsEnd = next == '{' ? line.lastIndexOf('}') : name.length();
      if (labelsEnd < 0 || !line.substring(name.length(), labelsEnd).contains(label)) {
        continue;
      }
      String[] valueAndTime = line.substring(labelsEnd + 1).trim().split("\\s+");
      try {
        sum += Double.parseDouble(valueAndTime[0]);
        found = true;
      } catch (NumberFormatException e) {
        // a malformed series is skipped, the others still count
      }
    }
    return found ? sum : Double.NaN;
  }
}
