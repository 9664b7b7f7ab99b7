package io.reef.provider.sharkapi;

/**
 * What a simulated SharkAPI job needs to be rendered (its details in the simulator).
 *
 * @param mode one of the configured modes ({@code reef.pricing.sharkapi.modes.*}, e.g. {@code 1k})
 * @param estimatedCost the {@code estimated_cost} string, verbatim
 * @param finalCost the final {@code cost} string of a complete job, verbatim; {@code null} = omitted
 */
public record SimulatedSharkApiJob(String mode, String estimatedCost, String finalCost) {
}
