package io.reef.support;

import org.eclipse.microprofile.config.ConfigProvider;

import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** RestAssured against the management interface (health, metrics, OpenAPI), never the tenant port. */
public final class Management {

    private Management() {
    }

    /** The port the management interface listens on in tests ({@code quarkus.management.test-port}, default 9001). */
    public static int port() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.management.test-port", Integer.class).orElse(9001);
    }

    public static RequestSpecification management() {
        return given().port(port());
    }

    /** The Prometheus scrape, as text. */
    public static String metrics() {
        return management().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
