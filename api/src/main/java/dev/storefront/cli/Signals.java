package dev.storefront.cli;

import java.lang.reflect.Proxy;

/**
 * Handlers for process signals through {@code sun.misc.Signal} (module jdk.unsupported, present on
 * every JDK this runs on), looked up at run time: a compile-time reference makes javac print an
 * "internal proprietary API" warning on every build, which no option silences under --release.
 */
final class Signals {
  private Signals() {}

  /** Runs {@code action} when the process gets SIG{@code name}; false when the JVM cannot say. */
  static boolean on(String name, Runnable action) {
    try {
      Class<?> signal = Class.forName("sun.misc.Signal");
      Class<?> handler = Class.forName("sun.misc.SignalHandler");
      Object proxy = Proxy.newProxyInstance(handler.getClassLoader(), new Class<?>[] {handler}, (self, method, args) ->
          switch (method.getName()) {
            case "handle" -> {
              action.run();
              yield null;
            }
            case "hashCode" -> System.identityHashCode(self);
            case "equals" -> self == args[0];
            default -> "SIG" + name + " handler";
          });
      signal.getMethod("handle", signal, handler).invoke(null, signal.getConstructor(String.class).newInstance(name), proxy);
      return true;
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return false;
    }
  }
}
