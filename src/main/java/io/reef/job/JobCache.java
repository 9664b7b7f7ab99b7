package io.reef.job;

import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.cache.CaffeineCache;

/**
 * Recently seen jobs by public id, so a poll needs no database read to learn whose job it is
 * and where it lives upstream (facts that never change). The cached status may lag behind the
 * database; it is only used to skip writes that would change nothing, and a terminal status
 * never changes back. Every view read from or written to the database refreshes the entry.
 */
@ApplicationScoped
public class JobCache {

    private final CaffeineCache cache;

    public JobCache(@CacheName("jobs") Cache cache) {
        this.cache = cache.as(CaffeineCache.class);
    }

    public JobView get(String publicId) {
        CompletableFuture<Object> cached = cache.getIfPresent(publicId);
        return cached != null && cached.isDone() && !cached.isCompletedExceptionally() ? (JobView) cached.join() : null;
    }

    public JobView put(JobView job) {
        if (job != null && job.upstreamId() != null) {
            cache.put(job.publicId(), CompletableFuture.completedFuture(job));
        }
        return job;
    }
}
