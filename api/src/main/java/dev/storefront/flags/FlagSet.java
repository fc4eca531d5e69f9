package dev.storefront.flags;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A validated set of flags, by name: each on or off, and when on, for what percentage of subjects. */
public record FlagSet(Map<String, Flag> flags) {
  /** {@code rollout} is a percentage 0-100 of subjects that see the flag on while it is enabled. */
  public record Flag(boolean enabled, int rollout) {}

  public FlagSet {
    flags = Collections.unmodifiableMap(new LinkedHashMap<>(flags));
  }

  /** What runs when neither {@code FLAGS_FILE} nor {@code FLAGS} is set: the storefront's features on. */
  public static final FlagSet DEFAULTS = new FlagSet(Map.of(
      "liveStockBanner", new Flag(true, 100),
      "pointsBadge", new Flag(true, 100)));

  /** Every flag's value for {@code subject} (null: an anonymous caller without an id). */
  public Map<String, Boolean> evaluate(String subject) {
    Map<String, Boolean> out = new LinkedHashMap<>();
    flags.forEach((name, flag) -> out.put(name, Rollout.isOn(name, flag, subject)));
    return out;
  }
}
