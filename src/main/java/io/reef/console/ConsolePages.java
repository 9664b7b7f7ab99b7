package io.reef.console;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.ws.rs.NameBinding;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

/** Marks the console's and portal's resources: {@link ConsoleGuard} runs before every one of their methods. */
@NameBinding
@Retention(RUNTIME)
@Target({ TYPE, METHOD })
public @interface ConsolePages {
}
