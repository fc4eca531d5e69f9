package dev.storefront.config;

/**
 * Database backups: the bucket (never the public media bucket), how many dumps are kept, and where
 * the PostgreSQL client tools are (by default the installed ones matching the server's major version).
 */
public record BackupSettings(String bucket, int keep, String pgBinDir, int drillTimeoutSeconds) {

  static BackupSettings from(Env env) {
    return new BackupSettings(Buckets.name(env, "BACKUP_BUCKET", "storefront-backups"),
        env.integer("BACKUP_KEEP", 14, 1, 10_000),
        env.optional("PG_BIN_DIR"),
        env.integer("RESTORE_DRILL_TIMEOUT_SECONDS", 600, 10, 86_400));
  }
}
