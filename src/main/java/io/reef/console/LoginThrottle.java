package io.reef.console;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import io.reef.common.ReefClock;

/**
 * Failed logins per client address: an address's first failure opens a window of
 * {@code reef.console.login-failures.window}; once it holds {@code .limit} failures the address is
 * refused, right or wrong credential, until the window closes. Counted in PostgreSQL, so every
 * replica shares the count. A successful login is not counted. The check and the count are two
 * statements, so a burst of concurrent attempts can pass the check together: at most one extra
 * attempt per request in flight.
 */
@ApplicationScoped
public class LoginThrottle {

    private final LoginFailureRepository failures;
    private final ConsoleConfig config;
    private final ReefClock clock;

    public LoginThrottle(LoginFailureRepository failures, ConsoleConfig config, ReefClock clock) {
        this.failures = failures;
        this.config = config;
        this.clock = clock;
    }

    /** How long this address must wait before it may try again; empty if it may try now. */
    public Optional<Duration> refusal(String address) {
        Instant now = clock.now();
        Duration window = config.loginFailures().window();
        return failures.openWindow(address, now.minus(window))
                .filter(w -> w.failures() >= config.loginFailures().limit())
                .map(w -> {
                    Duration left = Duration.between(now, w.start().plus(window));
                    return left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left;
                });
    }

    public void failed(String address) {
        Instant now = clock.now();
        failures.add(address, now, now.minus(config.loginFailures().window()));
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purgeClosedWindows() {
        failures.purgeClosed(clock.now().minus(config.loginFailures().window()));
    }
}
