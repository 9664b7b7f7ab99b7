package io.reef.provider;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Per-replica limits on what clients can make Reef hold in memory. */
@ConfigMapping(prefix = "reef.limits")
public interface LimitsConfig {

    /**
     * Request-body bytes a replica reads and holds at once on the generate endpoints (each body is
     * counted by its Content-Length, or the endpoint's maximum when it has none); a body beyond it
     * gets 503 with Retry-After before it is read. The default, 64 MiB (four 14 MB img2img
     * bodies), is sized for a 512 MB heap: under the load of src/bench/README.md the live heap peaks
     * near 370 MB, and an admitted body costs about its own size on the heap (one buffer, read
     * once; the image is checked without decoding it and forwarded from that buffer), so 64 MiB
     * keeps the worst case inside the remaining headroom. Scale it with the heap.
     */
    @WithDefault("67108864")
    long inFlightBodyBytes();

    /**
     * A body not fully received this long after Reef starts reading it gets 408 and its
     * connection is closed: a client trickling a body cannot keep its share of the budget
     * (14 MB at 1 Mbit/s takes 112 s).
     */
    @WithDefault("120S")
    Duration bodyReadTimeout();
}
