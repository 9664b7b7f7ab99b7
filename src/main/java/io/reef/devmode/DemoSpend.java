package io.reef.devmode;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * Dev mode only: sends the demo generations to Reef's own tenant API, as a client would, once the
 * HTTP server listens. Everything they cost is recorded by the one job flow like any other job.
 */
final class DemoSpend {

    private static final Logger LOG = Logger.getLogger(DemoSpend.class);
    private static final Duration WAIT_FOR_SERVER = Duration.ofSeconds(60);

    private DemoSpend() {
    }

    static void send(String base, String key, DevDemoConfig demo) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + WAIT_FOR_SERVER.toNanos();
        int sent = 0;
        int answered = 0;
        for (int round = 0; round < demo.rounds(); round++) {
            for (DevDemoConfig.Request r : demo.requests()) {
                HttpRequest request = HttpRequest.newBuilder(URI.create(base + r.path()))
                        .timeout(Duration.ofMinutes(3))
                        .header("Authorization", "Bearer " + key)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(r.body())).build();
                Integer status = sendOnceListening(client, request, deadline);
                if (status == null) {
                    LOG.info("Dev demo spend: Reef's HTTP server did not answer; no demo spend sent");
                    return;
                }
                sent++;
                if (status / 100 == 2) {
                    answered++;
                }
            }
        }
        LOG.infof("Dev demo spend: %d generations sent through Reef (%d accepted); the console shows them", sent,
                answered);
    }

    /** The response status, retrying while the server does not listen yet; null past the deadline. */
    private static Integer sendOnceListening(HttpClient client, HttpRequest request, long deadline) {
        while (true) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (ConnectException e) {
                // not listening yet: nothing was sent, so sending again cannot create a second job
                if (System.nanoTime() > deadline) {
                    return null;
                }
                sleep();
            } catch (IOException e) {
                // sent, answer lost: not resent (the job may exist); it is still charged if it completes
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
