package io.reef.support;

/** Options for the JVMs the tests start (the packaged app as a replica). */
public final class TestJvm {

    /**
     * The C1 compiler only: a test replica lives for seconds to a minute, most of it starting up
     * and running cold code, which C1 compiles sooner and cheaper (on 2 cores the C2 compiler
     * threads compete with the test). Behaviour does not depend on the JIT tier; performance is
     * measured by the benchmarks ({@code src/bench/}), which run the app with the default JIT.
     * The build and the test JVMs get the same option ({@code .mvn/jvm.config}, the
     * surefire/failsafe {@code argLine} in {@code pom.xml}).
     */
    public static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    private TestJvm() {
    }
}
