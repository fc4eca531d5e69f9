package dev.storefront.config;

/** A setting is missing or invalid; the message names the setting so an operator can fix it. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String setting, String problem) {
    super("Invalid setting " + setting + ": " + problem);
  }
}
