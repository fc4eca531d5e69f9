package dev.storefront;

import dev.storefront.cli.BackupCommand;
import dev.storefront.cli.MediaMigrateCommand;
import dev.storefront.cli.MigrateCommand;
import dev.storefront.cli.RestoreDrillCommand;
import dev.storefront.cli.PaymentsCommand;
import dev.storefront.cli.PlaintextCommand;
import dev.storefront.cli.SeedCommand;
import dev.storefront.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar storefront-api.jar [serve|migrate|seed|plaintext|payments simulate|media-migrate|backup|restore-drill]};
 * serve is the default.
 */
@Command(name = "storefront-api", mixinStandardHelpOptions = true,
    subcommands = {ServeCommand.class, MigrateCommand.class, SeedCommand.class, PlaintextCommand.class,
        PaymentsCommand.class, MediaMigrateCommand.class, BackupCommand.class, RestoreDrillCommand.class},
    description = "Storefront API. Settings come from the environment; see the README.")
public final class Main implements Runnable {

  public static void main(String[] args) {
    String[] effective = args.length == 0 ? new String[] {"serve"} : args;
    int exit = new CommandLine(new Main()).setExecutionExceptionHandler(Main::onFailure).execute(effective);
    if (exit != 0 || !"serve".equals(effective[0]) && !"plaintext".equals(effective[0])) System.exit(exit);
  }

  private static int onFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    cmd.getErr().println("storefront-api: " + StartFailure.describe(e));
    return e instanceof dev.storefront.config.ConfigException ? 2 : 1;
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
